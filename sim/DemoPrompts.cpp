#include "DemoPrompts.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace tierlens {

namespace {

const char* const kOpeners[]
    = { "Hello!", "Hi!", "Hey!", "Hello there!", "Hi there!", "Good morning!", "Good afternoon!", "Good evening!" };

const char* const kThings[] = {
    "my tax return",
    "a birthday card",
    "my garden",
    "a cover letter",
    "my budget",
    "a packing list",
    "my study plan",
    "a dinner menu",
    "a thank-you note",
    "my bike",
    "a workout plan",
    "my resume",
    "a short speech",
    "my reading list",
    "a travel plan",
    "my weekly chores",
    "a recipe",
    "a job interview",
    "my photo album",
    "a wedding toast",
    "my spreadsheet",
    "a grocery list",
    "my presentation",
    "a poem",
    "my flat move",
    "a book report",
    "my car insurance",
    "a party invite",
    "my savings goal",
    "a science project",
    "my sleep schedule",
    "a holiday plan",
    "my email inbox",
    "a podcast idea",
    "my coffee order",
    "a crossword",
    "my phone settings",
    "a meal plan",
    "my calendar",
    "a letter of thanks",
    "my houseplants",
    "a quiz night",
    "my guitar practice",
    "a picnic",
    "my running plan",
    "a family tree",
    "my desk setup",
    "a board game night",
    "my cat's diet",
    "a club newsletter",
    "my kitchen layout",
    "a charity bake sale",
    "my language lessons",
    "a road trip",
    "my wardrobe",
    "a school essay",
    "my tea collection",
    "a museum visit",
    "my camping gear",
    "a knitting pattern",
    "my new laptop",
    "a team lunch",
    "my dog's training",
};

const char* const kCities[] = {
    "Berlin",    "Paris",    "Madrid",    "Rome",       "Vienna",    "Prague",   "Warsaw",  "Lisbon",    "Dublin",
    "Oslo",      "Helsinki", "Stockholm", "Copenhagen", "Athens",    "Budapest", "Zurich",  "Geneva",    "Brussels",
    "Amsterdam", "Munich",   "Hamburg",   "Milan",      "Naples",    "Porto",    "Seville", "Valencia",  "Krakow",
    "Tallinn",   "Riga",     "Vilnius",   "Sofia",      "Bucharest", "Belgrade", "Zagreb",  "Ljubljana", "Tokyo",
    "Osaka",     "Seoul",    "Beijing",   "Shanghai",   "Singapore", "Bangkok",  "Jakarta", "Manila",    "Sydney",
    "Melbourne", "Auckland", "Toronto",   "Vancouver",  "Montreal",
};

const char* const kWeatherAsks[] = {
    "What is the weather like in %1 right now, in %2?",      "Tell me the current weather in %1, in %2.",
    "How is the weather in %1 today? Give it in %2.",        "Check the weather in %1 for me, in %2.",
    "I'm heading out in %1: what's the weather now, in %2?",
};

const char* const kFirstNames[] = { "Jane",  "Tom",   "Priya", "Ahmed", "Lena", "Marco", "Sofia", "Kenji",
                                    "Amara", "Lucas", "Nora",  "Diego", "Ines", "Olek",  "Mei" };
const char* const kLastNames[]
    = { "Doe", "Berg", "Patel", "Khan", "Novak", "Rossi", "Silva", "Tanaka", "Okafor", "Moreau" };

// The sample set's tools: the right one has to be chosen among them, with the city.
QJsonArray tools()
{
    auto fn = [](const QString& name, const QString& description, const QJsonObject& properties,
                 const QStringList& required) {
        return QJsonObject { { u"type"_s, u"function"_s },
                             { u"function"_s,
                               QJsonObject {
                                   { u"name"_s, name },
                                   { u"description"_s, description },
                                   { u"parameters"_s,
                                     QJsonObject { { u"type"_s, u"object"_s },
                                                   { u"properties"_s, properties },
                                                   { u"required"_s, QJsonArray::fromStringList(required) } } } } } };
    };
    auto str = [](const QString& description = {}) {
        QJsonObject o { { u"type"_s, u"string"_s } };
        if (!description.isEmpty())
            o.insert(u"description"_s, description);
        return o;
    };
    return {
        fn(u"get_weather"_s, u"Get the current weather for a city"_s,
           QJsonObject { { u"city"_s, str(u"City name"_s) },
                         { u"unit"_s,
                           QJsonObject { { u"type"_s, u"string"_s },
                                         { u"enum"_s, QJsonArray { u"celsius"_s, u"fahrenheit"_s } } } } },
           { u"city"_s }),
        fn(u"convert_currency"_s, u"Convert an amount of money between currencies"_s,
           QJsonObject { { u"amount"_s, QJsonObject { { u"type"_s, u"number"_s } } },
                         { u"from_currency"_s, str() },
                         { u"to_currency"_s, str() } },
           { u"amount"_s, u"from_currency"_s, u"to_currency"_s }),
        fn(u"search_web"_s, u"Search the web"_s, QJsonObject { { u"query"_s, str() } }, { u"query"_s }),
    };
}

QJsonObject prompt(const QString& id, const QString& category, const QString& text, const QJsonArray& checks,
                   const QJsonObject& options = {})
{
    QJsonObject o { { u"id"_s, id }, { u"category"_s, category }, { u"prompt"_s, text }, { u"assert"_s, checks } };
    if (!options.isEmpty())
        o.insert(u"options"_s, options);
    return o;
}

QJsonObject check(const QString& type, const QJsonValue& value)
{
    return QJsonObject { { u"type"_s, type }, { u"value"_s, value } };
}

} // namespace

QByteArray demoPromptSet(const DemoPromptCounts& counts)
{
    QByteArray out;
    auto write = [&out](const QJsonObject& o) { out += QJsonDocument(o).toJson(QJsonDocument::Compact) + '\n'; };

    // easy: a chat opener the assistant should greet back and offer help with.
    const int things = int(std::size(kThings));
    for (int i = 0; i < counts.easy; ++i) {
        const QString text = u"%1 Can you help me with %2?"_s.arg(QLatin1StringView(kOpeners[i / things % 8]),
                                                                  QLatin1StringView(kThings[i % things]));
        write(prompt(u"easy-%1"_s.arg(i + 1), u"easy"_s, text,
                     QJsonArray { check(u"icontains"_s, u"how can I help"_s) }));
    }

    // tool-use: the weather tool, with the city, among three tools.
    const QJsonObject toolOptions { { u"tools"_s, tools() }, { u"tool_choice"_s, u"auto"_s } };
    const int cities = int(std::size(kCities));
    const int asks = int(std::size(kWeatherAsks));
    for (int i = 0; i < counts.toolUse; ++i) {
        const QString city = QString::fromLatin1(kCities[i % cities]);
        const QString unit = (i / cities) % 2 == 0 ? u"celsius"_s : u"fahrenheit"_s;
        const QString text = QString::fromLatin1(kWeatherAsks[(i / (2 * cities)) % asks]).arg(city, unit);
        write(prompt(u"tool-%1"_s.arg(i + 1), u"tool-use"_s, text,
                     QJsonArray { check(u"tool-call"_s,
                                        QJsonObject { { u"name"_s, u"get_weather"_s },
                                                      { u"arguments"_s, QJsonObject { { u"city"_s, city } } } }) },
                     toolOptions));
    }

    // reasoning: boxes of apples, every pair of counts once.
    for (int i = 0; i < counts.reasoning; ++i) {
        const int boxes = 12 + i % 37;
        const int each = 13 + (i * 7) % 41;
        const QString text
            = u"A shop sells %1 boxes with %2 apples each. How many apples does it sell in total?"_s.arg(boxes).arg(
                each);
        write(prompt(u"reasoning-%1"_s.arg(i + 1), u"reasoning"_s, text,
                     QJsonArray { check(u"icontains"_s, QString::number(boxes * each)) }));
    }

    // extraction: an e-mail address out of a sentence.
    const int firsts = int(std::size(kFirstNames));
    for (int i = 0; i < counts.extraction; ++i) {
        const QString first = QString::fromLatin1(kFirstNames[i % firsts]);
        const QString last = QString::fromLatin1(kLastNames[(i / firsts) % std::size(kLastNames)]);
        const QString email = u"%1.%2%3@example.com"_s.arg(first.toLower(), last.toLower()).arg(i + 1);
        const QString text = u"Extract the email address from the following text: Please contact %1 %2 at %3 about "
                             "the invoice for order %4."_s.arg(first, last, email)
                                 .arg(1000 + i);
        write(
            prompt(u"extraction-%1"_s.arg(i + 1), u"extraction"_s, text, QJsonArray { check(u"icontains"_s, email) }));
    }
    return out;
}

} // namespace tierlens
