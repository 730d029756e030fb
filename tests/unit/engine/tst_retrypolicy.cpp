#include "engine/RetryPolicy.h"

#include <QTest>

using namespace tierlens;

class TestRetryPolicy : public QObject
{
    Q_OBJECT

private slots:
    void finalErrorsAreNotRetried_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("retried");
        QTest::newRow("400") << 400 << false;
        QTest::newRow("401") << 401 << false;
        QTest::newRow("402") << 402 << false;
        QTest::newRow("422") << 422 << false;
        QTest::newRow("404") << 404 << false;
        QTest::newRow("429") << 429 << true;
        QTest::newRow("500") << 500 << true;
        QTest::newRow("502") << 502 << true;
        QTest::newRow("503") << 503 << true;
    }
    void finalErrorsAreNotRetried()
    {
        QFETCH(int, status);
        QFETCH(bool, retried);
        RetryPolicy policy(RetrySettings{}, 1);
        QCOMPARE(policy.nextDelayMs(errorClassForHttpStatus(status), 1, std::nullopt).has_value(), retried);
    }

    void transportFailuresAreRetried()
    {
        RetryPolicy policy(RetrySettings{}, 1);
        for (ErrorClass c : {ErrorClass::Timeout, ErrorClass::Connection, ErrorClass::Truncated, ErrorClass::Malformed})
            QVERIFY(policy.nextDelayMs(c, 1, std::nullopt).has_value());
        QVERIFY(!policy.nextDelayMs(ErrorClass::None, 1, std::nullopt).has_value());
        QVERIFY(!policy.nextDelayMs(ErrorClass::Cancelled, 1, std::nullopt).has_value());
    }

    void attemptsAreBounded()
    {
        RetrySettings s;
        s.maxAttempts = 3;
        RetryPolicy policy(s, 1);
        QVERIFY(policy.nextDelayMs(ErrorClass::ServerError, 1, std::nullopt));
        QVERIFY(policy.nextDelayMs(ErrorClass::ServerError, 2, std::nullopt));
        QVERIFY(!policy.nextDelayMs(ErrorClass::ServerError, 3, std::nullopt));
    }

    void backoffDoublesWithinJitterAndCaps()
    {
        RetrySettings s;
        s.maxAttempts = 100;
        s.baseDelayMs = 400;
        s.maxDelayMs = 5000;
        RetryPolicy policy(s, 42);
        for (int round = 0; round < 200; ++round) {
            for (int attempt = 1; attempt < 10; ++attempt) {
                const qint64 step = std::min<qint64>(5000, qint64(400) << (attempt - 1));
                const qint64 d = *policy.nextDelayMs(ErrorClass::RateLimited, attempt, std::nullopt);
                QVERIFY2(d >= step / 2 && d <= step, qPrintable(QString::number(d)));
            }
        }
    }

    void jitterSpreadsABurst()
    {
        RetryPolicy policy(RetrySettings{}, 7);
        QSet<qint64> seen;
        for (int i = 0; i < 50; ++i)
            seen.insert(*policy.nextDelayMs(ErrorClass::RateLimited, 3, std::nullopt));
        QVERIFY(seen.size() > 10);
    }

    void retryAfterIsHonouredAndCapped()
    {
        RetrySettings s;
        s.maxRetryAfterMs = 60000;
        RetryPolicy policy(s, 1);
        QCOMPARE(*policy.nextDelayMs(ErrorClass::RateLimited, 1, qint64(7000)), qint64(7000));
        QCOMPARE(*policy.nextDelayMs(ErrorClass::Overloaded, 1, qint64(0)), qint64(0));
        QCOMPARE(*policy.nextDelayMs(ErrorClass::RateLimited, 1, qint64(3600000)), qint64(60000));
        // A final error stays final whatever the server asks.
        QVERIFY(!policy.nextDelayMs(ErrorClass::Auth, 1, qint64(1000)));
    }
};

QTEST_GUILESS_MAIN(TestRetryPolicy)
#include "tst_retrypolicy.moc"
