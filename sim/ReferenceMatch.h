#pragma once
// Decides whether an answer text contains a reference answer: plain text, a JSON subset or a rendered tool call.

#include <QJsonValue>
#include <QString>

namespace tierlens {

class ReferenceMatch
{
public:
    // The one rule both judge kinds use:
    // - a reference {"name": ..., "arguments": ...} matches a line "tool call: NAME(ARGS)" of the answer with the
    //   same name and arguments that hold the reference's arguments;
    // - another JSON object or array matches when the answer's JSON holds it as a subset;
    // - any other text matches when the answer contains it, ignoring case and runs of whitespace.
    static bool matches(const QString& answer, const QString& reference);

    // Every member of `wanted` (recursively for objects; element-wise for arrays of the same length) is in `actual`.
    static bool jsonSubset(const QJsonValue& wanted, const QJsonValue& actual);

    // The JSON object or array in an answer: the whole text, else the span from the first bracket to the last.
    static QJsonValue jsonIn(const QString& answer);
};

} // namespace tierlens
