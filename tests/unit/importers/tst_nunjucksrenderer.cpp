#include "promptsets/NunjucksRenderer.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace tierlens;

class TestNunjucksRenderer : public QObject
{
    Q_OBJECT

private slots:
    void plainVariables()
    {
        const QJsonObject vars { { u"name"_s, u"Ann"_s },
                                 { u"n"_s, 3 },
                                 { u"x"_s, 0.25 },
                                 { u"ok"_s, true },
                                 { u"user"_s, QJsonObject { { u"city"_s, u"Oslo"_s } } },
                                 { u"list"_s, QJsonArray { u"a"_s, u"b"_s } } };
        QStringList missing;
        QString problem;
        int line = 0;
        const auto out = NunjucksRenderer::render(
            u"Hi {{name}}, {{ n }} {{x}} {{ok}} {{ user.city }} {{ list[1] }} {{list}}{# note #} {{ ghost }}."_s, vars,
            &missing, &problem, &line);
        QVERIFY2(out, qPrintable(problem));
        QCOMPARE(*out, u"Hi Ann, 3 0.25 true Oslo b [\"a\",\"b\"] ."_s);
        QCOMPARE(missing, QStringList { u"ghost"_s });
        QCOMPARE(*NunjucksRenderer::render(u"a  {{- name -}}  b"_s, vars, nullptr, &problem, &line), u"aAnnb"_s);
        QCOMPARE(*NunjucksRenderer::render(u"{ not a tag } {{name}}"_s, vars, nullptr, &problem, &line),
                 u"{ not a tag } Ann"_s);
    }

    void unsupportedRefused_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("line");
        QTest::newRow("loop") << u"a\nb {% for x in xs %}{{x}}{% endfor %}"_s << 2;
        QTest::newRow("if") << u"{% if a %}y{% endif %}"_s << 1;
        QTest::newRow("filter") << u"x\n\n{{ name | upper }}"_s << 3;
        QTest::newRow("call") << u"{{ range(3) }}"_s << 1;
        QTest::newRow("unclosed") << u"{{ name"_s << 1;
    }

    void unsupportedRefused()
    {
        QFETCH(QString, text);
        QFETCH(int, line);
        QString problem;
        int problemLine = 0;
        QVERIFY(
            !NunjucksRenderer::render(text, QJsonObject { { u"name"_s, u"A"_s } }, nullptr, &problem, &problemLine));
        QCOMPARE(problemLine, line);
        QVERIFY(!problem.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestNunjucksRenderer)
#include "tst_nunjucksrenderer.moc"
