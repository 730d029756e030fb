// PromptShares: the prompt as the sampling unit. Each figure is checked against the textbook formula computed here
// from the counts (Wilson 1927; Newcombe 1998 method 10 with the phi coefficient of the 2x2 table), and against the
// properties the method promises: repeats add no evidence, symmetric cases give symmetric intervals, only prompts
// both models answered are paired.

#include "stats/PromptShares.h"

#include <QTest>

#include <cmath>

using namespace tierlens;

namespace {

constexpr double kZ95 = 1.959963984540054;

struct Bounds
{
    double low, high;
};

Bounds wilson(double successes, double n, double z = kZ95)
{
    const double p = successes / n;
    const double centre = (p + z * z / (2 * n)) / (1 + z * z / n);
    const double half = z / (1 + z * z / n) * std::sqrt(p * (1 - p) / n + z * z / (4 * n * n));
    return { std::max(0.0, centre - half), std::min(1.0, centre + half) };
}

// Newcombe's method 10 from a paired 2x2 table: a both pass, b first only, c second only, d neither.
Bounds newcombe10(double a, double b, double c, double d)
{
    const double n = a + b + c + d;
    const double p1 = (a + b) / n, p2 = (a + c) / n;
    const Bounds w1 = wilson(a + b, n), w2 = wilson(a + c, n);
    const double margins = (a + b) * (c + d) * (a + c) * (b + d);
    const double phi = margins > 0 ? (a * d - b * c) / std::sqrt(margins) : 0.0;
    const double dl = p1 - w1.low, du = w1.high - p1, el = p2 - w2.low, eu = w2.high - p2;
    const double delta = std::sqrt(dl * dl - 2 * phi * dl * eu + eu * eu);
    const double epsilon = std::sqrt(du * du - 2 * phi * du * el + el * el);
    return { std::max(-1.0, p1 - p2 - delta), std::min(1.0, p1 - p2 + epsilon) };
}

// Two models' verdicts on prompts 1..n of a paired table, one item each.
std::pair<PromptShares, PromptShares> table(int a, int b, int c, int d)
{
    PromptShares first, second;
    qint64 prompt = 0;
    auto add = [&](int count, bool f, bool s) {
        for (int i = 0; i < count; ++i) {
            ++prompt;
            first.add(prompt, f);
            second.add(prompt, s);
        }
    };
    add(a, true, true);
    add(b, true, false);
    add(c, false, true);
    add(d, false, false);
    return { first, second };
}

bool near(double x, double y, double eps = 1e-9)
{
    return std::abs(x - y) < eps;
}

} // namespace

class TestPromptShares : public QObject
{
    Q_OBJECT

private slots:
    void oneItemPerPromptIsTheBinaryCase()
    {
        PromptShares s;
        for (int i = 0; i < 10; ++i)
            s.add(i, i < 7);
        QCOMPARE(s.prompts(), 10);
        QCOMPARE(s.items(), 10);
        const auto rate = s.passRate(0.95);
        QVERIFY(rate);
        const Bounds w = wilson(7, 10);
        QVERIFY(near(rate->estimate, 0.7));
        QVERIFY2(near(rate->low, w.low, 1e-7), qPrintable(QString::number(rate->low)));
        QVERIFY(near(rate->high, w.high, 1e-7));
        QCOMPARE(rate->n, 10);
    }

    void repeatsAddNoEvidence()
    {
        // Two prompts asked ten times each, one always passed, one never: 10 of 20 items, but two prompts.
        PromptShares repeated;
        for (int r = 0; r < 10; ++r) {
            repeated.add(1, true);
            repeated.add(2, false);
        }
        QCOMPARE(repeated.items(), 20);
        QCOMPARE(repeated.passedItems(), 10);
        QCOMPARE(repeated.prompts(), 2);
        const auto rate = repeated.passRate(0.95);
        const Bounds two = wilson(1, 2);
        QVERIFY(near(rate->estimate, 0.5));
        QVERIFY(near(rate->low, two.low, 1e-7) && near(rate->high, two.high, 1e-7));
        QCOMPARE(rate->n, 2);

        // Twenty distinct prompts with the same items are real evidence: a narrower interval.
        PromptShares distinct;
        for (int i = 0; i < 20; ++i)
            distinct.add(i, i % 2 == 0);
        const auto wide = distinct.passRate(0.95);
        QVERIFY(wide->high - wide->low < rate->high - rate->low);

        // A prompt's repeats average into its share: 1, 1/2 and 0 are a mean of 0.5 over 3 prompts, an interval no
        // narrower than 3 pass/fail prompts with the same mean (the shares' spread is at most p(1 - p)).
        PromptShares mixed;
        mixed.add(1, true);
        mixed.add(2, true);
        mixed.add(2, false);
        mixed.add(3, false);
        QCOMPARE(*mixed.share(2), 0.5);
        QVERIFY(!mixed.share(4));
        const auto m = mixed.passRate(0.95);
        const Bounds w = wilson(1.5, 3);
        QVERIFY(near(m->estimate, 0.5));
        QVERIFY(near(m->low, w.low, 1e-7) && near(m->high, w.high, 1e-7));
    }

    void pairedDifferenceIsNewcombeMethod10()
    {
        for (const auto& [a, b, c, d] :
             { std::array { 30, 8, 2, 10 }, std::array { 14, 5, 0, 22 }, std::array { 0, 3, 7, 40 },
               std::array { 12, 0, 0, 8 }, std::array { 1, 1, 1, 1 } }) {
            const auto [first, second] = table(a, b, c, d);
            const auto diff = PromptShares::difference(first, second, 0.95);
            QVERIFY(diff);
            const Bounds expected = newcombe10(a, b, c, d);
            const QString what = QStringLiteral("%1 %2 %3 %4: [%5, %6] vs [%7, %8]")
                                     .arg(a)
                                     .arg(b)
                                     .arg(c)
                                     .arg(d)
                                     .arg(diff->low)
                                     .arg(diff->high)
                                     .arg(expected.low)
                                     .arg(expected.high);
            QVERIFY2(near(diff->estimate, double(b - c) / double(a + b + c + d)), qPrintable(what));
            QVERIFY2(near(diff->low, expected.low, 1e-7) && near(diff->high, expected.high, 1e-7), qPrintable(what));
            QCOMPARE(diff->n, a + b + c + d);
            // The same as differenceAt at the observed number of prompts.
            const PromptShares::Paired p = PromptShares::paired(first, second);
            const Interval at = PromptShares::differenceAt(p.firstMean, p.secondMean, p.correlation, p.prompts, 0.95);
            QVERIFY(near(at.low, diff->low) && near(at.high, diff->high));
        }
    }

    void symmetricCasesGiveSymmetricIntervals()
    {
        // Both fail everything, or both pass everything: no difference either way, the same width both times.
        const auto [f0, s0] = table(0, 0, 0, 20);
        const auto [f1, s1] = table(20, 0, 0, 0);
        const auto none = PromptShares::difference(f0, s0, 0.95);
        const auto all = PromptShares::difference(f1, s1, 0.95);
        QVERIFY(none && all);
        QCOMPARE(none->estimate, 0.0);
        QCOMPARE(all->estimate, 0.0);
        QVERIFY(near(none->low, -none->high));
        QVERIFY(near(none->low, all->low) && near(none->high, all->high));
        // Swapping the models mirrors the interval.
        const auto [a, b] = table(10, 6, 1, 3);
        const auto ab = PromptShares::difference(a, b, 0.95);
        const auto ba = PromptShares::difference(b, a, 0.95);
        QVERIFY(near(ab->low, -ba->high) && near(ab->high, -ba->low));
    }

    void onlyCommonPromptsArePaired()
    {
        PromptShares first, second;
        for (int i = 0; i < 10; ++i)
            first.add(i, true);
        for (int i = 5; i < 20; ++i)
            second.add(i, i % 3 != 0);
        const PromptShares::Paired p = PromptShares::paired(first, second);
        QCOMPARE(p.prompts, 5); // prompts 5..9
        QCOMPARE(p.firstMean, 1.0);
        QCOMPARE(p.secondMean, 3.0 / 5); // 6 and 9 fail
        QCOMPARE(p.correlation, 0.0); // the first is constant: nothing to correlate
        const PromptShares::Counts c = PromptShares::compare(first, second);
        QCOMPARE(c.firstBetter, 2);
        QCOMPARE(c.secondBetter, 0);
        QCOMPARE(c.tiedPassed, 3);
        QCOMPARE(c.tiedOther, 0);
        const PairedTest mc = PromptShares::mcnemar(first, second);
        QCOMPARE(mc.pairs, 5);
        QCOMPARE(mc.discordantOrNonZero, 2);
        // Exact: 2 discordant pairs all one way, two-sided p = 2 x 0.5^2.
        QVERIFY(near(mc.pValue, 0.5));
        QVERIFY(!PromptShares::difference(PromptShares(), second, 0.95));
    }

    void sharesCompareByTheirMeans()
    {
        // Per prompt, the better model is the one with the larger share of passes over its repeats.
        PromptShares first, second;
        first.add(1, true);
        first.add(1, false); // 1/2
        second.add(1, true);
        second.add(1, true);
        second.add(1, false); // 2/3
        first.add(2, false);
        second.add(2, false); // 0 = 0
        const PromptShares::Counts c = PromptShares::compare(first, second);
        QCOMPARE(c.secondBetter, 1);
        QCOMPARE(c.tiedOther, 1);
        const auto d = PromptShares::difference(first, second, 0.95);
        QVERIFY(near(d->estimate, (0.5 + 0) / 2 - (2.0 / 3 + 0) / 2));

        // Adding shares together is adding their items: the pooled runs of one prompt are still one prompt.
        PromptShares pooled = first;
        pooled.add(second);
        QCOMPARE(pooled.prompts(), 2);
        QCOMPARE(pooled.items(), 7);
        QVERIFY(near(*pooled.share(1), 3.0 / 5));
    }

    void moreLikePromptsNarrowTheDifference()
    {
        // What "how many more prompts" rests on: the same means and correlation over more prompts, narrower.
        const Interval at40 = PromptShares::differenceAt(0.9, 0.7, 0.3, 40, 0.95);
        const Interval at400 = PromptShares::differenceAt(0.9, 0.7, 0.3, 400, 0.95);
        QVERIFY(near(at40.estimate, 0.2) && near(at400.estimate, 0.2));
        QVERIFY(at400.high - at400.low < (at40.high - at40.low) / 2.5);
        QVERIFY(at400.low > 0.1 && at400.high < 0.3);
        const Interval none = PromptShares::differenceAt(0.5, 0.5, 0, 0, 0.95);
        QCOMPARE(none.low, -1.0);
        QCOMPARE(none.high, 1.0);
    }
};

QTEST_GUILESS_MAIN(TestPromptShares)
#include "tst_promptshares.moc"
