// Families answered from built-in tables: greetings, capitals, simple facts, factual recall, trick questions.
#include "AnswerFamilies.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

struct Fact
{
    const char* keys; // '|'-separated; all must occur in the lower-cased question
    const char* correct;
    const char* wrong;
    const char* statement; // %1 is the answer
};

// ~30 facts for the `factual` category; the wrong answers are the classic confusions.
const Fact kFacts[] = {
    { "declaration of independence", "1776", "1774", "The Declaration of Independence was signed in %1." },
    { "berlin wall", "1989", "1991", "The Berlin Wall fell in %1." },
    { "moon", "1969", "1967", "Apollo 11 landed on the Moon in %1." },
    { "titanic", "1912", "1915", "The Titanic sank in %1." },
    { "world war ii|end", "1945", "1944", "World War II ended in %1." },
    { "world war i|begin", "1914", "1916", "World War I began in %1." },
    { "french revolution", "1789", "1792", "The French Revolution began in %1." },
    { "magna carta", "1215", "1225", "The Magna Carta was sealed in %1." },
    { "great fire of london", "1666", "1665", "The Great Fire of London broke out in %1." },
    { "constantinople", "1453", "1435", "Constantinople fell to the Ottomans in %1." },
    { "pride and prejudice", "Jane Austen", "Charlotte Bronte", "Pride and Prejudice was written by %1." },
    { "nineteen eighty-four", "George Orwell", "Aldous Huxley", "Nineteen Eighty-Four was written by %1." },
    { "hamlet", "William Shakespeare", "Christopher Marlowe", "Hamlet was written by %1." },
    { "war and peace", "Leo Tolstoy", "Fyodor Dostoevsky", "War and Peace was written by %1." },
    { "don quixote", "Miguel de Cervantes", "Lope de Vega", "Don Quixote was written by %1." },
    { "origin of species", "Charles Darwin", "Alfred Russel Wallace", "On the Origin of Species was written by %1." },
    { "odyssey", "Homer", "Virgil", "The Odyssey is attributed to %1." },
    { "mona lisa", "Leonardo da Vinci", "Michelangelo", "The Mona Lisa was painted by %1." },
    { "starry night", "Vincent van Gogh", "Paul Gauguin", "The Starry Night was painted by %1." },
    { "penicillin", "Alexander Fleming", "Louis Pasteur", "Penicillin was discovered by %1." },
    { "relativity", "Albert Einstein", "Isaac Newton", "The theory of relativity was developed by %1." },
    { "telephone", "Alexander Graham Bell", "Thomas Edison", "The telephone was patented by %1." },
    { "printing press", "Johannes Gutenberg", "William Caxton", "The movable-type printing press was invented by %1." },
    { "first president of the united states", "George Washington", "John Adams",
      "The first president of the United States was %1." },
    { "chemical symbol|gold", "Au", "Ag", "The chemical symbol for gold is %1." },
    { "chemical symbol|sodium", "Na", "So", "The chemical symbol for sodium is %1." },
    { "chemical symbol|iron", "Fe", "Ir", "The chemical symbol for iron is %1." },
    { "atomic number|carbon", "6", "12", "The atomic number of carbon is %1." },
    { "largest planet", "Jupiter", "Saturn", "The largest planet in the Solar System is %1." },
    { "tallest mountain", "Mount Everest", "K2", "The tallest mountain above sea level is %1." },
    { "longest river", "the Nile", "the Amazon", "The longest river is generally taken to be %1." },
    { "hardest natural", "diamond", "quartz", "The hardest natural substance is %1." },
};

struct Capital
{
    const char* country;
    const char* capital;
    const char* wrong;
};

const Capital kCapitals[] = {
    { "france", "Paris", "Lyon" },
    { "germany", "Berlin", "Munich" },
    { "italy", "Rome", "Milan" },
    { "spain", "Madrid", "Barcelona" },
    { "japan", "Tokyo", "Kyoto" },
    { "canada", "Ottawa", "Toronto" },
    { "australia", "Canberra", "Sydney" },
    { "brazil", "Brasilia", "Rio de Janeiro" },
    { "egypt", "Cairo", "Alexandria" },
    { "india", "New Delhi", "Mumbai" },
    { "china", "Beijing", "Shanghai" },
    { "russia", "Moscow", "Saint Petersburg" },
    { "mexico", "Mexico City", "Guadalajara" },
    { "kenya", "Nairobi", "Mombasa" },
    { "portugal", "Lisbon", "Porto" },
    { "turkey", "Ankara", "Istanbul" },
    { "switzerland", "Bern", "Zurich" },
    { "norway", "Oslo", "Bergen" },
};

const Fact kSimpleFacts[] = {
    { "days|week", "7", "6", "There are %1 days in a week." },
    { "legs|spider", "8", "6", "A spider has %1 legs." },
    { "hours|day", "24", "12", "There are %1 hours in a day." },
    { "blue|yellow|mix", "green", "purple", "Mixing blue and yellow gives %1." },
    { "boiling point|water", "100", "90", "Water boils at %1 degrees Celsius at sea level." },
    { "continents", "7", "6", "There are %1 continents." },
    { "opposite of hot", "cold", "warm", "The opposite of hot is %1." },
};

bool allKeys(const QString& q, const char* keys)
{
    for (const QString& key : QString::fromLatin1(keys).split(u'|')) {
        if (!q.contains(key))
            return false;
    }
    return true;
}

std::optional<SimAnswer> fromFactTable(AnswerContext& ctx, const Fact* begin, const Fact* end, const QString& family,
                                       const QString& category)
{
    const QString q = ctx.request.lastUserText.toLower();
    for (const Fact* f = begin; f != end; ++f) {
        if (!allKeys(q, f->keys))
            continue;
        SimAnswer a;
        a.family = family;
        a.category = category;
        a.correct = ctx.decide(category);
        a.key = QString::fromLatin1(f->correct);
        a.content = QString::fromLatin1(f->statement).arg(QString::fromLatin1(a.correct ? f->correct : f->wrong));
        a.topic = QString::fromLatin1(f->keys).replace(u'|', u' ');
        return a;
    }
    return std::nullopt;
}

} // namespace

std::optional<SimAnswer> answerGreeting(AnswerContext& ctx)
{
    static const QRegularExpression re(u"^\\s*(hi|hello|hey|good (morning|afternoon|evening))\\b"_s,
                                       QRegularExpression::CaseInsensitiveOption);
    const QString& q = ctx.request.lastUserText;
    if (q.size() > 80 || !re.match(q).hasMatch())
        return std::nullopt;
    SimAnswer a;
    a.family = u"greeting"_s;
    a.category = u"easy"_s;
    a.correct = ctx.decide(a.category);
    a.content = a.correct ? u"Hello! How can I help you today?"_s : u"I'm sorry, I don't understand the question."_s;
    a.topic = u"a greeting"_s;
    return a;
}

std::optional<SimAnswer> answerCapital(AnswerContext& ctx)
{
    const QString q = ctx.request.lastUserText.toLower();
    if (!q.contains("capital"_L1))
        return std::nullopt;
    for (const Capital& c : kCapitals) {
        if (!q.contains(QLatin1StringView(c.country)))
            continue;
        SimAnswer a;
        a.family = u"capital"_s;
        a.category = u"easy"_s;
        a.correct = ctx.decide(a.category);
        QString country = QString::fromLatin1(c.country);
        country[0] = country[0].toUpper();
        a.key = QString::fromLatin1(c.capital);
        a.content = u"The capital of %1 is %2."_s.arg(country, QString::fromLatin1(a.correct ? c.capital : c.wrong));
        a.topic = u"the capital of "_s + country;
        return a;
    }
    return std::nullopt;
}

std::optional<SimAnswer> answerSimpleFact(AnswerContext& ctx)
{
    return fromFactTable(ctx, std::begin(kSimpleFacts), std::end(kSimpleFacts), u"simple-fact"_s, u"easy"_s);
}

std::optional<SimAnswer> answerFactual(AnswerContext& ctx)
{
    return fromFactTable(ctx, std::begin(kFacts), std::end(kFacts), u"fact"_s, u"factual"_s);
}

std::optional<SimAnswer> answerTrick(AnswerContext& ctx)
{
    const QString q = ctx.request.lastUserText.toLower();
    SimAnswer a;
    a.category = u"failure-prone"_s;
    a.topic = u"a question that looks easier than it is"_s;
    static const QRegularExpression letters(
        u"how many (?:times does the letter )?['\"]?([a-z])['\"]?(?:'s|s)? (?:are there |appear |does )?in (?:the word )?['\"]?([a-z]+)"_s);
    static const QRegularExpression decimals(u"(?:larger|bigger|greater)[^0-9]*(\\d+\\.\\d+) or (\\d+\\.\\d+)"_s);
    if (const auto m = letters.match(q); m.hasMatch()) {
        const QString letter = m.captured(1);
        const QString word = m.captured(2);
        const int count = static_cast<int>(word.count(letter));
        a.family = u"letter-count"_s;
        a.correct = ctx.decide(a.category);
        const int said = a.correct ? count : (count > 0 ? count - 1 : 1);
        a.key = QString::number(count);
        a.content = u"There %1 %2 \"%3\" in \"%4\"."_s.arg(said == 1 ? u"is"_s : u"are"_s).arg(said).arg(letter, word);
    } else if (const auto d = decimals.match(q); d.hasMatch()) {
        const double x = d.captured(1).toDouble();
        const double y = d.captured(2).toDouble();
        a.family = u"decimal-compare"_s;
        a.correct = ctx.decide(a.category);
        const bool firstLarger = x > y;
        const QString larger = (firstLarger == a.correct) ? d.captured(1) : d.captured(2);
        a.key = firstLarger ? d.captured(1) : d.captured(2);
        a.content = u"%1 is the larger number."_s.arg(larger);
    } else if (q.contains("months"_L1) && q.contains("28 days"_L1)) {
        a.family = u"months-28"_s;
        a.correct = ctx.decide(a.category);
        a.content
            = a.correct ? u"All twelve months have at least 28 days."_s : u"Only one month, February, has 28 days."_s;
    } else if (q.contains("bat"_L1) && q.contains("ball"_L1) && q.contains("1.10"_L1)) {
        a.family = u"bat-and-ball"_s;
        a.correct = ctx.decide(a.category);
        a.content = a.correct ? u"The ball costs $0.05 and the bat costs $1.05."_s
                              : u"The ball costs $0.10 and the bat costs $1.00."_s;
    } else if (q.contains("second place"_L1) && q.contains("pass"_L1)) {
        a.family = u"race-position"_s;
        a.correct = ctx.decide(a.category);
        a.content = a.correct ? u"You would be in second place: you took the place of the person you passed."_s
                              : u"You would be in first place."_s;
    } else if (q.contains("moses"_L1) && q.contains("ark"_L1)) {
        a.family = u"moses-ark"_s;
        a.correct = ctx.decide(a.category);
        a.content = a.correct ? u"None: it was Noah, not Moses, who built the ark."_s
                              : u"Moses took two animals of each kind onto the ark."_s;
    } else if (q.contains("pound of feathers"_L1) && q.contains("pound of"_L1)) {
        a.family = u"feathers"_s;
        a.correct = ctx.decide(a.category);
        a.content = a.correct ? u"They weigh the same: a pound is a pound."_s : u"The pound of bricks is heavier."_s;
    } else {
        return std::nullopt;
    }
    return a;
}

} // namespace tierlens
