#include "SseParser.h"

#include <cstring>
#include <limits>

namespace tierlens {

namespace {
constexpr char kBom[] = "\xEF\xBB\xBF";
constexpr qsizetype kShortPiece = 16;

qsizetype indexOf(const char* data, qsizetype from, qsizetype size, char c)
{
    const void* hit = std::memchr(data + from, c, size_t(size - from));
    return hit ? static_cast<const char*>(hit) - data : size;
}

bool equals(QByteArrayView a, const char* literal, qsizetype literalSize)
{
    return a.size() == literalSize && std::memcmp(a.data(), literal, size_t(literalSize)) == 0;
}

void assign(QByteArray& target, QByteArrayView value)
{
    // resize(0) keeps the capacity, so steady-state streams do not allocate.
    target.resize(0);
    target.append(value);
}
} // namespace

SseParser::SseParser() = default;

void SseParser::feed(const char* data, qsizetype size, Handler& handler)
{
    if (size <= 0)
        return;
    m_bytes += size;
    const char* const end = data + size;
    const char* p = data;
    if (m_bomMatched >= 0) {
        p = skipBom(p, end);
        if (p == end)
            return;
    }
    if (m_skipLf) {
        m_skipLf = false;
        if (*p == '\n')
            ++p;
    }

    // memchr is vectorised; remembering the next CR and LF keeps a whole-buffer feed linear even when
    // one of the two never occurs.
    qsizetype pos = p - data;
    qsizetype nextLf = -1;
    qsizetype nextCr = -1;
    while (pos < size) {
        qsizetype eol = size;
        if (size - pos <= kShortPiece) {
            // Two memchr calls cost more than a plain scan of a few bytes (tiny TCP reads, tests).
            for (qsizetype i = pos; i < size; ++i) {
                if (data[i] == '\n' || data[i] == '\r') {
                    eol = i;
                    break;
                }
            }
        } else {
            if (nextLf < pos)
                nextLf = indexOf(data, pos, size, '\n');
            if (nextCr < pos)
                nextCr = indexOf(data, pos, size, '\r');
            eol = nextLf < nextCr ? nextLf : nextCr;
        }
        if (eol == size) {
            m_line.append(data + pos, size - pos);
            return;
        }
        if (m_line.isEmpty()) {
            processLine(data + pos, eol - pos, handler);
        } else {
            m_line.append(data + pos, eol - pos);
            processLine(m_line.constData(), m_line.size(), handler);
            m_line.resize(0);
        }
        pos = eol + 1;
        if (data[eol] == '\r') {
            if (pos < size) {
                if (data[pos] == '\n')
                    ++pos;
            } else {
                m_skipLf = true;
            }
        }
    }
}

const char* SseParser::skipBom(const char* p, const char* end)
{
    while (p < end && m_bomMatched < 3) {
        if (*p != kBom[m_bomMatched]) {
            // Not a BOM after all: the bytes matched so far are the start of the first line.
            m_line.append(kBom, m_bomMatched);
            m_bomMatched = -1;
            return p;
        }
        ++m_bomMatched;
        ++p;
    }
    if (m_bomMatched == 3)
        m_bomMatched = -1;
    return p;
}

void SseParser::processLine(const char* line, qsizetype size, Handler& handler)
{
    if (size == 0) {
        dispatch(handler);
        return;
    }
    if (line[0] == ':') {
        ++m_comments;
        QByteArrayView text(line + 1, size - 1);
        if (!text.isEmpty() && text.front() == ' ')
            text = text.sliced(1);
        handler.onComment(text);
        return;
    }
    QByteArrayView field(line, size);
    QByteArrayView value;
    if (const void* colon = std::memchr(line, ':', size_t(size))) {
        const qsizetype at = static_cast<const char*>(colon) - line;
        field = QByteArrayView(line, at);
        value = QByteArrayView(line + at + 1, size - at - 1);
        if (!value.isEmpty() && value.front() == ' ')
            value = value.sliced(1);
    }

    if (equals(field, "data", 4)) {
        m_data.append(value);
        m_data.append('\n');
    } else if (equals(field, "event", 5)) {
        assign(m_type, value);
    } else if (equals(field, "id", 2)) {
        if (!value.contains('\0'))
            assign(m_lastEventId, value);
    } else if (equals(field, "retry", 5)) {
        if (value.isEmpty())
            return;
        qint64 ms = 0;
        for (const char c : value) {
            if (c < '0' || c > '9')
                return;
            if (ms > (std::numeric_limits<qint64>::max() - 9) / 10)
                return; // absurdly large: ignore like any other invalid value
            ms = ms * 10 + (c - '0');
        }
        m_retryMs = ms;
    }
    // Any other field name is ignored, as the spec says.
}

void SseParser::dispatch(Handler& handler)
{
    if (m_data.isEmpty()) {
        m_type.resize(0);
        return;
    }
    ++m_events;
    SseEvent event;
    event.type = m_type.isEmpty() ? QByteArrayView("message") : QByteArrayView(m_type);
    event.data = QByteArrayView(m_data.constData(), m_data.size() - 1); // without the last line's '\n'
    event.lastEventId = m_lastEventId;
    handler.onEvent(event);
    m_data.resize(0);
    m_type.resize(0);
}

bool SseParser::finish()
{
    const bool discarded = !m_line.isEmpty() || !m_data.isEmpty() || !m_type.isEmpty();
    m_line.resize(0);
    m_data.resize(0);
    m_type.resize(0);
    m_skipLf = false;
    m_bomMatched = 0;
    return discarded;
}

void SseParser::reset()
{
    finish();
    m_lastEventId.clear();
    m_retryMs.reset();
    m_events = 0;
    m_comments = 0;
    m_bytes = 0;
}

} // namespace tierlens
