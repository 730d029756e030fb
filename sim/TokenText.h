#pragma once
// The simulator's notion of tokens: how text is cut into streamed pieces and how prompt size is estimated.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace tierlens {

class TokenText
{
public:
    // Cuts text into token-sized pieces (a word with its leading space, long words in 4-character runs);
    // concatenating the pieces gives the text back exactly.
    static QStringList pieces(const QString& text);
    static int count(const QString& text) { return static_cast<int>(pieces(text).size()); }
    // Prompt tokens estimated from the serialised prompt: UTF-8 bytes / 4 rounded up, at least 1.
    static int promptTokens(const QByteArray& utf8) { return qMax(1, static_cast<int>((utf8.size() + 3) / 4)); }
    // Appends text as a JSON string literal (with quotes); much cheaper than a QJsonDocument per token.
    static void appendJsonString(QByteArray& out, const QString& text);
};

} // namespace tierlens
