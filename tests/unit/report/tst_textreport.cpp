// TextReport: the header, the per-model figures and the per-category table, with aligned columns and "n/a".
#include "ReportFixture.h"
#include "report/TextReport.h"

using namespace tierlens;
using namespace tierlens::test;
using namespace Qt::StringLiterals;

namespace {

const QString kLong = QStringLiteral("pro-max-with-a-label-longer-than-any-header");

// The lines of the block that follows a title line, up to the next blank line; with `described`, the block after
// the title's paragraph of description.
QStringList block(const QString& report, const QString& title, bool described = false)
{
    const QStringList lines = report.split(u'\n');
    qsizetype start = lines.indexOf(title);
    QStringList out;
    if (start < 0)
        return out;
    if (described) {
        while (start + 1 < lines.size() && !lines.at(start + 1).isEmpty())
            ++start;
        ++start;
    }
    for (qsizetype i = start + 1; i < lines.size() && !lines.at(i).isEmpty(); ++i)
        out.append(lines.at(i));
    return out;
}

QStringList words(const QString& line)
{
    return line.split(u' ', Qt::SkipEmptyParts);
}

// The row of a table whose first cells are the given ones.
QStringList row(const QStringList& table, const QStringList& first)
{
    for (const QString& line : table) {
        const QStringList w = words(line);
        if (w.mid(0, first.size()) == first)
            return w;
    }
    return {};
}

} // namespace

class TestTextReport : public QObject
{
    Q_OBJECT

private:
    ReportFixture f;
    QString report;

private slots:
    void initTestCase()
    {
        if (const QString why = TestDatabases::skipReason(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QVERIFY(f.init(kLong));
        QString error;
        report = TextReport::render(*f.store, f.run.id, &error);
        QVERIFY2(!report.isEmpty(), qPrintable(error));
    }

    void header()
    {
        const QStringList lines = report.split(u'\n');
        QCOMPARE(lines.first(), QStringLiteral("Tierlens run %1").arg(f.run.id));
        QCOMPARE(words(lines.at(1)),
                 (QStringList { QStringLiteral("prompt"), QStringLiteral("set:"), QStringLiteral("report-sample") }));
        QVERIFY(report.contains(QStringLiteral("  status:             completed\n")));
        QVERIFY(report.contains(QStringLiteral("2026-06-01T10:00:00.123Z")));
        QVERIFY(report.contains(QStringLiteral("2026-06-01T10:05:00.000Z")));
        QVERIFY(report.contains(QStringLiteral("deepseek-2026-06")));
        QVERIFY(report.contains(
            QStringLiteral("\nwarning: client-side delay p95 7.5 ms > 5 ms is inside these latency figures\n")));
    }

    void modelFigures()
    {
        const QStringList table = block(report, QStringLiteral("Models"), true);
        QVERIFY(!table.isEmpty());
        QCOMPARE(words(table.first()), (QStringList { QStringLiteral("figure"), QStringLiteral("flash"), kLong }));
        auto figure = [&](const QStringList& name) { return row(table, name).mid(name.size()); };
        QCOMPARE(figure({ QStringLiteral("items") }), (QStringList { QStringLiteral("3"), QStringLiteral("3") }));
        QCOMPARE(figure({ QStringLiteral("ok"), QStringLiteral("items") }),
                 (QStringList { QStringLiteral("3"), QStringLiteral("2") }));
        QCOMPARE(figure({ QStringLiteral("retries") }), (QStringList { QStringLiteral("1"), QStringLiteral("1") }));
        QCOMPARE(figure({ QStringLiteral("errors") }),
                 (QStringList { QStringLiteral("none"), QStringLiteral("overloaded"), QStringLiteral("1") }));
        QCOMPARE(figure({ QStringLiteral("cache"), QStringLiteral("hit"), QStringLiteral("tokens") }),
                 (QStringList { QStringLiteral("60"), QStringLiteral("n/a") }));
        QCOMPARE(figure({ QStringLiteral("cost"), QStringLiteral("USD") }),
                 (QStringList { QStringLiteral("0.003000"), QStringLiteral("0.000600") }));
        QCOMPARE(figure({ QStringLiteral("latency"), QStringLiteral("p95"), QStringLiteral("ms") }),
                 (QStringList { QStringLiteral("290.0"), QStringLiteral("495.0") }));
        QCOMPARE(figure({ QStringLiteral("ttft"), QStringLiteral("p50"), QStringLiteral("ms") }),
                 (QStringList { QStringLiteral("60.0"), QStringLiteral("200.0") }));
        QCOMPARE(figure({ QStringLiteral("output"), QStringLiteral("tok/s"), QStringLiteral("p50") }),
                 (QStringList { QStringLiteral("30.0"), QStringLiteral("15.0") }));
    }

    void qualityFigures()
    {
        // The run's totals say how many items wait for the judge; the pass rates are the statistics' tables only
        // (one set of settings per page). Only pro's second coding prompt has a verdict (an error): 0 of 1 prompt,
        // Wilson 95% [0, 79.3%].
        const QStringList table = block(report, QStringLiteral("Models"), true);
        auto figure = [&](const QStringList& name) { return row(table, name).mid(name.size()); };
        QCOMPARE(figure({ u"awaiting"_s, u"the"_s, u"judge"_s }), (QStringList { u"0"_s, u"0"_s }));
        QVERIFY(row(table, { u"pass"_s, u"rate"_s }).isEmpty());
        const QStringList models = block(report, QStringLiteral("Models over every category"), true);
        QCOMPARE(row(models, { kLong }).mid(1, 5),
                 (QStringList { u"3"_s, u"0.0%"_s, u"[0.0%,"_s, u"79.3%]"_s, u"n=1"_s }));
        QVERIFY(report.contains(u"The prompt is the sampling unit"_s));
    }

    void categoryRows()
    {
        const QStringList table = block(report, QStringLiteral("Per category"), true);
        QCOMPARE(table.size(), 6); // header, rule, two categories x two models
        const QString c = QStringLiteral("coding");
        const QString e = QStringLiteral("extraction");
        const QString flash = QStringLiteral("flash");
        // category, model, items, pass rate, mean score, latency ms p50 / p90 / p99 n, TTFT the same, errors,
        // retries per item, cost per item, cost per success
        QCOMPARE(row(table, { c, flash }),
                 (QStringList { c,        flash,   u"2"_s,   u"n/a"_s,  u"n/a"_s,  u"150"_s,       u"/"_s,
                                u"190"_s, u"/"_s,  u"199"_s, u"n=2"_s,  u"60"_s,   u"/"_s,         u"76"_s,
                                u"/"_s,   u"80"_s, u"n=2"_s, u"0.0%"_s, u"0.50"_s, u"$0.001500"_s, u"$0.001500"_s }));
        QCOMPARE(row(table, { c, kLong }), (QStringList { c,
                                                          kLong,
                                                          u"2"_s,
                                                          u"0.0%"_s,
                                                          u"[0.0%,"_s,
                                                          u"79.3%]"_s,
                                                          u"n=1"_s,
                                                          u"n/a"_s,
                                                          u"400"_s,
                                                          u"/"_s,
                                                          u"400"_s,
                                                          u"/"_s,
                                                          u"400"_s,
                                                          u"n=1"_s,
                                                          u"150"_s,
                                                          u"/"_s,
                                                          u"150"_s,
                                                          u"/"_s,
                                                          u"150"_s,
                                                          u"n=1"_s,
                                                          u"50.0%"_s,
                                                          u"(overloaded"_s,
                                                          u"1)"_s,
                                                          u"0.50"_s,
                                                          u"$0.000250"_s,
                                                          u"n/a"_s }));
        QCOMPARE(row(table, { e, flash }),
                 (QStringList { e, flash, u"1"_s, u"n/a"_s, u"n/a"_s, u"300"_s, u"/"_s, u"300"_s, u"/"_s, u"300"_s,
                                u"n=1"_s, u"n/a"_s, u"0.0%"_s, u"0.00"_s, u"n/a"_s, u"n/a"_s }));
        QCOMPARE(row(table, { e, kLong }).mid(0, 3), (QStringList { e, kLong, u"1"_s }));
        QCOMPARE(row(table, { e, kLong }).mid(row(table, { e, kLong }).size() - 2),
                 (QStringList { u"$0.000100"_s, u"$0.000100"_s }));
        // Categories in order, models in run order within each.
        QVERIFY(table.at(2).contains(c) && table.at(2).contains(flash));
        QVERIFY(table.at(3).contains(kLong));
        QVERIFY(table.at(4).contains(e));
    }

    void columnsAligned()
    {
        // The last column of both tables is right-aligned, so aligned columns make every line equally long,
        // the long label included.
        for (const QString& title : { QStringLiteral("Models"), QStringLiteral("Per category") }) {
            const QStringList table = block(report, title, true);
            QVERIFY(table.size() > 2);
            for (const QString& line : table)
                QVERIFY2(line.size() == table.first().size(), qPrintable(title + u": "_s + line));
            // The model column starts at the same offset on every row.
            if (title == QStringLiteral("Per category")) {
                const qsizetype at = table.first().indexOf(QStringLiteral("model"));
                QCOMPARE(table.at(3).indexOf(kLong), at);
                QCOMPARE(table.at(2).indexOf(QStringLiteral("flash")), at);
            }
        }
    }

    void noWarningWhenNotFlagged()
    {
        QString error;
        const QString bare = TextReport::render(*f.store, f.bare.id, &error);
        QVERIFY2(!bare.isEmpty(), qPrintable(error));
        QVERIFY(!bare.contains(QStringLiteral("warning:")));
        QVERIFY(bare.contains(QStringLiteral("  finished:           n/a\n")));
        const QStringList table = block(bare, QStringLiteral("Per category"), true);
        // One item, a timeout: a failed prompt, no latency, no cost.
        QCOMPARE(
            row(table, { QStringLiteral("coding"), kLong }),
            (QStringList { u"coding"_s, kLong, u"1"_s, u"0.0%"_s, u"[0.0%,"_s, u"79.3%]"_s, u"n=1"_s, u"n/a"_s,
                           u"n/a"_s, u"n/a"_s, u"100.0%"_s, u"(timeout"_s, u"1)"_s, u"0.00"_s, u"n/a"_s, u"n/a"_s }));
    }

    void missingRun()
    {
        QString error;
        QVERIFY(TextReport::render(*f.store, 4242, &error).isEmpty());
        QVERIFY2(error.contains(QStringLiteral("4242")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestTextReport)
#include "tst_textreport.moc"
