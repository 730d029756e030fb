// PromptSample: a stratified draw of a prompt set, the same for a seed, in the set's order.
#include "promptsets/PromptSample.h"
#include "promptsets/PromptSetImporter.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

namespace {

// 10 prompts of "a", 3 of "b", 1 of "c", interleaved; database ids 100 + place.
PromptSet threeCategories()
{
    PromptSet set;
    set.name = u"traffic"_s;
    set.defaults = QJsonObject { { u"assert"_s, QJsonArray { QJsonObject { { u"type"_s, u"contains"_s },
                                                                           { u"value"_s, u"x"_s } } } } };
    const QStringList categories { u"a"_s, u"b"_s, u"a"_s, u"a"_s, u"c"_s, u"a"_s, u"b"_s, u"a"_s,
                                   u"a"_s, u"a"_s, u"b"_s, u"a"_s, u"a"_s, u"a"_s };
    for (int i = 0; i < categories.size(); ++i) {
        Prompt p;
        p.dbId = 100 + i;
        p.id = u"q%1"_s.arg(i);
        p.category = categories.at(i);
        p.messages = QJsonArray { QJsonObject { { u"role"_s, u"user"_s }, { u"content"_s, u"question %1"_s.arg(i) } } };
        set.prompts.append(p);
    }
    return set;
}

QStringList ids(const PromptSet& set)
{
    QStringList out;
    for (const Prompt& p : set.prompts)
        out << p.id;
    return out;
}

} // namespace

class TestPromptSample : public QObject
{
    Q_OBJECT

private slots:
    void upToNOfEachCategoryInTheSetsOrder()
    {
        const PromptSet set = threeCategories();
        QVector<PromptSample::Drawn> drawn;
        const PromptSet sample = PromptSample::stratified(set, {}, 2, 1, &drawn);
        QCOMPARE(sample.prompts.size(), 2 + 2 + 1);
        QCOMPARE(drawn.size(), 3);
        QCOMPARE(drawn.at(0).category, u"a"_s);
        QCOMPARE(drawn.at(0).drawn, 2);
        QCOMPARE(drawn.at(0).of, 10);
        QCOMPARE(drawn.at(1).of, 3);
        QCOMPARE(drawn.at(2).drawn, 1); // a category smaller than N comes whole
        QCOMPARE(drawn.at(2).of, 1);
        // In the set's order, each prompt whole, none of the set's database ids.
        int last = -1;
        for (const Prompt& p : sample.prompts) {
            const int place = p.id.mid(1).toInt();
            QVERIFY(place > last);
            last = place;
            QCOMPARE(p.messages, set.prompts.at(place).messages);
            QCOMPARE(p.category, set.prompts.at(place).category);
            QCOMPARE(p.dbId, 0);
        }
        QCOMPARE(sample.defaults, set.defaults);
    }

    void theSameForASeedAndAnotherForAnother()
    {
        const PromptSet set = threeCategories();
        const QStringList first = ids(PromptSample::stratified(set, {}, 3, 7));
        QCOMPARE(ids(PromptSample::stratified(set, {}, 3, 7)), first);
        bool differs = false;
        for (quint64 seed = 8; seed < 40 && !differs; ++seed)
            differs = ids(PromptSample::stratified(set, {}, 3, seed)) != first;
        QVERIFY(differs);
        // The draw goes by a prompt's id, not its place: the same set in another order draws the same prompts.
        PromptSet reordered = set;
        reordered.prompts.prepend(reordered.prompts.takeLast());
        const QStringList again = ids(PromptSample::stratified(reordered, {}, 3, 7));
        QCOMPARE(QSet<QString>(again.cbegin(), again.cend()), QSet<QString>(first.cbegin(), first.cend()));
    }

    void onlyEligiblePromptsAreDrawn()
    {
        const PromptSet set = threeCategories();
        QVector<PromptSample::Drawn> drawn;
        // Only q0..q4 were answered: a 3 of them (0, 2, 3), b 1 (1), c 1 (4).
        const PromptSet sample = PromptSample::stratified(set, { 100, 101, 102, 103, 104 }, 5, 1, &drawn);
        QCOMPARE(ids(sample), (QStringList { u"q0"_s, u"q1"_s, u"q2"_s, u"q3"_s, u"q4"_s }));
        QCOMPARE(drawn.at(0).of, 3);
        QVERIFY(PromptSample::stratified(set, {}, 0, 1).prompts.isEmpty());
    }

    // What the CLI writes reads back as the same prompts.
    void theSampleReadsBackThroughTheImporter()
    {
        const PromptSet sample = PromptSample::stratified(threeCategories(), {}, 2, 3);
        ImportError error;
        const auto back = PromptSetImporter::parse(PromptSetImporter::toJsonl(sample), PromptSetImporter::Format::Jsonl,
                                                   u"sample.jsonl"_s, &error);
        QVERIFY2(back, qPrintable(error.toString()));
        QCOMPARE(ids(*back), ids(sample));
        QCOMPARE(back->defaults, sample.defaults);
    }
};

QTEST_GUILESS_MAIN(TestPromptSample)
#include "tst_promptsample.moc"
