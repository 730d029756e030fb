// Families computed from the prompt itself: arithmetic, coding, extraction and needle-in-a-haystack retrieval.
#include "AnswerFamilies.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <cmath>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

// A plausible near miss: one character changed to another of the same kind.
QString mutate(const QString& value, SimRandom& rng)
{
    QString out = value;
    QVector<int> candidates;
    for (int i = 0; i < out.size(); ++i) {
        if (out.at(i).isLetterOrNumber() && out.at(i).unicode() < 128)
            candidates.append(i);
    }
    if (candidates.isEmpty())
        return out + u'x';
    const int i = candidates.at(rng.bounded(static_cast<int>(candidates.size())));
    const char16_t c = out.at(i).unicode();
    if (c >= u'0' && c <= u'9')
        out[i] = QChar(u'0' + (c - u'0' + 1) % 10);
    else if (c >= u'a' && c <= u'z')
        out[i] = QChar(u'a' + (c - u'a' + 1) % 26);
    else
        out[i] = QChar(u'A' + (c - u'A' + 1) % 26);
    return out;
}

bool containsAny(const QString& q, std::initializer_list<const char*> words)
{
    for (const char* w : words) {
        if (q.contains(QLatin1StringView(w)))
            return true;
    }
    return false;
}

} // namespace

QString formatNumber(double value)
{
    if (std::abs(value - std::round(value)) < 1e-9)
        return QString::number(static_cast<qint64>(std::llround(value)));
    QString s = QString::number(value, 'f', 2);
    while (s.endsWith(u'0'))
        s.chop(1);
    return s;
}

std::optional<SimAnswer> answerArithmetic(AnswerContext& ctx)
{
    const QString q = ctx.request.lastUserText.toLower();
    static const QRegularExpression numRe(u"\\d+(?:,\\d{3})*(?:\\.\\d+)?"_s);
    QVector<double> nums;
    int percentIndex = -1;
    for (auto it = numRe.globalMatch(q); it.hasNext();) {
        const auto m = it.next();
        const QString after = q.mid(m.capturedEnd(), 8);
        if (after.startsWith(u'%') || after.startsWith(" percent"_L1))
            percentIndex = static_cast<int>(nums.size());
        nums.append(m.captured().remove(u',').toDouble());
    }
    if (nums.size() < 2)
        return std::nullopt;
    const bool mult = containsAny(q,
                                  { "each", " per ", "every", "times", " rows of", "boxes of", "packs of", "bags of",
                                    "km/h", "mph", "an hour", "multiplied" });
    const bool add = containsAny(q, { "total", "altogether", "in all", "combined", "sum", "more", "plus" });
    double r = 0;
    QString expr;
    if (percentIndex >= 0) {
        const double p = nums[percentIndex];
        const double base = nums[percentIndex == 0 ? 1 : 0];
        r = p * base / 100;
        expr = u"%1% of %2 = %1 × %2 / 100"_s.arg(formatNumber(p), formatNumber(base));
        if (containsAny(q, { " off", "discount" })) {
            expr += u", and %1 - %2"_s.arg(formatNumber(base), formatNumber(r));
            r = base - r;
        }
    } else if (q.contains("average speed"_L1)) {
        r = nums[0] / nums[1];
        expr = u"%1 / %2"_s.arg(formatNumber(nums[0]), formatNumber(nums[1]));
    } else if (containsAny(q, { "equally", "split", "divided", "shared among", "share " })) {
        r = nums[0] / nums[1];
        expr = u"%1 / %2"_s.arg(formatNumber(nums[0]), formatNumber(nums[1]));
    } else if (containsAny(q, { "how many more", "how much more", "difference" })) {
        r = std::abs(nums[0] - nums[1]);
        expr = u"%1 - %2"_s.arg(formatNumber(qMax(nums[0], nums[1])), formatNumber(qMin(nums[0], nums[1])));
    } else if (containsAny(q, { " left", "remain" })) {
        int first = 1;
        r = nums[0];
        expr = formatNumber(nums[0]);
        if (mult && nums.size() >= 3) {
            r *= nums[1];
            expr += u" × "_s + formatNumber(nums[1]);
            first = 2;
        }
        for (int i = first; i < nums.size(); ++i) {
            r -= nums[i];
            expr += u" - "_s + formatNumber(nums[i]);
        }
    } else if (mult) {
        r = nums[0] * nums[1];
        expr = formatNumber(nums[0]) + u" × "_s + formatNumber(nums[1]);
        for (int i = 2; i < nums.size(); ++i) {
            r = add ? r + nums[i] : r * nums[i];
            expr += (add ? u" + "_s : u" × "_s) + formatNumber(nums[i]);
        }
    } else if (add) {
        expr = formatNumber(nums[0]);
        r = nums[0];
        for (int i = 1; i < nums.size(); ++i) {
            r += nums[i];
            expr += u" + "_s + formatNumber(nums[i]);
        }
    } else {
        return std::nullopt;
    }
    if (!std::isfinite(r))
        return std::nullopt;
    SimAnswer a;
    a.family = u"arithmetic"_s;
    a.category = u"reasoning"_s;
    a.topic = u"an arithmetic word problem"_s;
    a.correct = ctx.decide(a.category);
    double said = r;
    if (!a.correct) {
        // A near miss that a "contains the expected number" check cannot mistake for the right one.
        const double misses[] = { r + nums.last(), r - 1, r + 10, r * 2, r + 7, r - 3 };
        const int start = ctx.rng.bounded(6);
        for (int i = 0; i < 6; ++i) {
            said = misses[(start + i) % 6];
            if (!formatNumber(said).contains(formatNumber(r)) && !formatNumber(r).contains(formatNumber(said)))
                break;
        }
    }
    a.key = formatNumber(r);
    a.content = u"Setting it up: %1 = %2.\n\nThe answer is **%2**."_s.arg(expr, formatNumber(said));
    return a;
}

std::optional<SimAnswer> answerCoding(AnswerContext& ctx)
{
    static const QRegularExpression nameRe(u"function (?:named|called) [`'\"]?([A-Za-z_][A-Za-z0-9_]*)"_s);
    const QString& prompt = ctx.request.lastUserText;
    const auto m = nameRe.match(prompt);
    if (!m.hasMatch())
        return std::nullopt;
    struct Task
    {
        const char* keys;
        const char* params;
        const char* body;
    };
    static const Task tasks[] = {
        { "sum|list", "numbers", "    return sum(numbers)" },
        { "reverse", "s", "    return s[::-1]" },
        { "factorial", "n", "    result = 1\n    for i in range(2, n + 1):\n        result *= i\n    return result" },
        { "palindrome", "s",
          "    cleaned = ''.join(ch.lower() for ch in s if ch.isalnum())\n    return cleaned == cleaned[::-1]" },
        { "fibonacci", "n", "    a, b = 0, 1\n    for _ in range(n):\n        a, b = b, a + b\n    return a" },
        { "vowel", "s", "    return sum(1 for ch in s.lower() if ch in 'aeiou')" },
        { "fahrenheit", "celsius", "    return celsius * 9 / 5 + 32" },
        { "prime", "n",
          "    if n < 2:\n        return False\n    for d in range(2, int(n ** 0.5) + 1):\n        if n % d == 0:\n"
          "            return False\n    return True" },
        { "even", "n", "    return n % 2 == 0" },
        { "largest", "numbers", "    return max(numbers)" },
        { "maximum", "numbers", "    return max(numbers)" },
        { "square", "x", "    return x * x" },
    };
    const QString q = prompt.toLower();
    QString params = u"*args"_s;
    QString body = u"    \"\"\"%1\"\"\"\n    return args"_s.arg(prompt.simplified().left(80).remove(u'"'));
    for (const Task& t : tasks) {
        bool all = true;
        for (const QString& key : QString::fromLatin1(t.keys).split(u'|'))
            all = all && q.contains(key);
        if (all) {
            params = QString::fromLatin1(t.params);
            body = QString::fromLatin1(t.body);
            break;
        }
    }
    SimAnswer a;
    a.family = u"python-function"_s;
    a.category = u"coding"_s;
    a.topic = u"writing the Python function "_s + m.captured(1);
    a.correct = ctx.decide(a.category);
    QString name = m.captured(1);
    QString colon = u":"_s;
    if (!a.correct) {
        if (ctx.rng.bounded(2) == 0)
            colon.clear(); // a syntax error
        else
            name += u"_impl"_s;
    }
    a.key = u"def %1(%2):"_s.arg(m.captured(1), params);
    a.content = u"Here is the function:\n\n```python\ndef %1(%2)%3\n%4\n```\n\nIt handles the task directly."_s.arg(
        name, params, colon, body);
    return a;
}

std::optional<SimAnswer> answerExtraction(AnswerContext& ctx)
{
    const QString& prompt = ctx.request.lastUserText;
    qsizetype split = prompt.indexOf(u':');
    const qsizetype newline = prompt.indexOf(u'\n');
    if (split < 0 || (newline >= 0 && newline < split))
        split = newline;
    const QString instruction = (split < 0 ? prompt : prompt.left(split)).toLower();
    if (!instruction.contains("extract"_L1))
        return std::nullopt;
    static const QRegularExpression emailRe(u"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"_s);
    static const QRegularExpression dateRe(
        u"\\d{4}-\\d{2}-\\d{2}|\\d{1,2}/\\d{1,2}/\\d{4}|(?:January|February|March|April|May|June|July|August|"
        "September|October|November|December) \\d{1,2}, \\d{4}"_s);
    static const QRegularExpression phoneRe(u"\\+?\\d[\\d ().-]{6,}\\d"_s);
    QString text = split < 0 ? prompt : prompt.mid(split + 1);
    const QString date = dateRe.match(text).captured();
    QString withoutDates = text;
    withoutDates.replace(dateRe, u" "_s);
    struct Field
    {
        const char* word;
        const char* key;
        QString value;
    };
    Field fields[] = { { "email", "email", emailRe.match(text).captured() },
                       { "phone", "phone", phoneRe.match(withoutDates).captured() },
                       { "date", "date", date } };
    SimAnswer a;
    a.family = u"extraction"_s;
    a.category = u"extraction"_s;
    a.topic = u"extracting fields from the given text"_s;
    a.correct = ctx.decide(a.category);
    QJsonObject json;
    QStringList lines;
    for (Field& f : fields) {
        if (!instruction.contains(QLatin1StringView(f.word)))
            continue;
        QString value = f.value;
        if (!a.correct && !value.isEmpty())
            value = mutate(value, ctx.rng);
        json.insert(QLatin1StringView(f.key), value.isEmpty() ? QJsonValue() : QJsonValue(value));
        QString label = QString::fromLatin1(f.key);
        label[0] = label[0].toUpper();
        lines.append(label + u": "_s + (value.isEmpty() ? u"not found"_s : value));
    }
    if (json.isEmpty())
        return std::nullopt;
    if (ctx.request.jsonMode) {
        a.content = QString::fromUtf8(QJsonDocument(json).toJson(QJsonDocument::Compact));
        // The reference notes JSON mode sometimes returns broken JSON or only whitespace.
        if (!a.correct) {
            const double u = ctx.rng.uniform();
            if (u < 0.1)
                a.content = u"\n\n  "_s;
            else if (u < 0.3)
                a.content.chop(1);
        }
    } else {
        a.content = lines.join(u'\n');
    }
    return a;
}

std::optional<SimAnswer> answerNeedle(AnswerContext& ctx)
{
    static const QRegularExpression needleRe(u"secret code is\\s*[:\"']?\\s*([A-Za-z0-9-]+)"_s,
                                             QRegularExpression::CaseInsensitiveOption);
    if (!ctx.request.lastUserText.toLower().contains("code"_L1))
        return std::nullopt;
    const auto m = needleRe.match(ctx.request.userText);
    if (!m.hasMatch())
        return std::nullopt;
    SimAnswer a;
    a.family = u"needle"_s;
    a.category = u"long-context"_s;
    a.topic = u"finding the secret code in a long document"_s;
    a.correct = ctx.decide(a.category);
    const QString code = a.correct ? m.captured(1) : mutate(m.captured(1), ctx.rng);
    a.key = m.captured(1);
    a.content = u"The secret code is %1."_s.arg(code);
    return a;
}

} // namespace tierlens
