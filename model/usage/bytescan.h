#pragma once

// Byte scanning for call-record files: fields of a CSV line, newlines, plain text. The import has a
// speed goal (performance.md P1) and these run for every byte of the file, so they test eight bytes
// per step where that showed in profiles; the rest is plain loops.
#include <QByteArray>
#include <QtGlobal>

#include <bit>
#include <cstring>
#include <string>

namespace billing::bytescan {

// Word-at-a-time byte tests ("SWAR"): eight bytes per step instead of one, portable C++.
static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the byte scans below assume little-endian words");
inline constexpr quint64 kOnes = 0x0101010101010101ULL;
inline constexpr quint64 kHighs = 0x8080808080808080ULL;

inline quint64 load8(const char *p)
{
    quint64 w;
    std::memcpy(&w, p, 8);
    return w;
}

// High bit set in each byte of w that is below n (n <= 128; exact for the lowest such byte, which is
// all the callers use).
constexpr quint64 bytesBelow(quint64 w, unsigned n)
{
    return (w - kOnes * n) & ~w & kHighs;
}
constexpr quint64 bytesEqual(quint64 w, unsigned char c)
{
    return bytesBelow(w ^ (kOnes * c), 1);
}

// The first ',' or '"' in [p, e), or e.
inline const char *findDelimiter(const char *p, const char *e)
{
    for (; e - p >= 8; p += 8) {
        const quint64 w = load8(p);
        if (const quint64 m = bytesEqual(w, ',') | bytesEqual(w, '"'))
            return p + (std::countr_zero(m) >> 3);
    }
    while (p < e && *p != ',' && *p != '"')
        ++p;
    return p;
}

// Ids and projects are short: an inline word compare beats a call to memcmp.
inline bool sameBytes(const QByteArray &a, const char *b, qsizetype n)
{
    if (a.size() != n)
        return false;
    const char *p = a.constData();
    qsizetype i = 0;
    for (; n - i >= 8; i += 8)
        if (load8(p + i) != load8(b + i))
            return false;
    for (; i < n; ++i)
        if (p[i] != b[i])
            return false;
    return true;
}

inline bool isBlank(const char *p, const char *e)
{
    for (; p < e; ++p)
        if (*p != ' ' && *p != '\t' && *p != '\r')
            return false;
    return true;
}

// Counts code points and looks for C0/C1 control characters and DEL in (valid) UTF-8.
inline bool checkText(const char *p, const char *e, qsizetype maxChars, bool &tooLong)
{
    const char *const begin = p;
    // Plain ASCII words without controls are the common case: one step per eight bytes.
    for (; e - p >= 8; p += 8) {
        const quint64 w = load8(p);
        if ((w & kHighs) | bytesBelow(w, 0x20) | bytesEqual(w, 0x7F))
            break;
    }
    qsizetype chars = p - begin;
    for (; p < e; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c < 0x20 || c == 0x7F)
            return false;
        if (c == 0xC2 && p + 1 < e && static_cast<unsigned char>(p[1]) < 0xA0)
            return false; // U+0080..U+009F
        if ((c & 0xC0) != 0x80)
            ++chars;
    }
    tooLong = chars > maxChars;
    return true;
}

// Lines counted eight bytes at a time: the exact zero-byte test (no borrow between bytes). The flags
// (one bit per newline, at the top of its byte) are summed by a multiplication: std::popcount is a
// library call on x86-64 without -mpopcnt.
inline qint64 countNewlines(const char *p, const char *e)
{
    constexpr quint64 kLows = ~kHighs;
    qint64 n = 0;
    for (; e - p >= 8; p += 8) {
        const quint64 t = load8(p) ^ (kOnes * '\n');
        const quint64 flags = ~(((t & kLows) + kLows) | t | kLows);
        n += qint64(((flags >> 7) * kOnes) >> 56);
    }
    for (; p < e; ++p)
        n += *p == '\n';
    return n;
}

enum class SplitError { None, Unclosed, AfterQuote, StrayQuote };
struct Split
{
    int fields = 0;
    SplitError error = SplitError::None;
    int errorField = -1; // 0-based
};

// RFC 4180 fields of one line (the newline is already gone, so a quoted field cannot span lines).
// field(i, begin, end, escaped) receives each field; quoted fields come without their quotes and with
// escaped == true when they hold "" pairs still to be collapsed (unescapeInto). All fields are counted,
// even past the ones the caller keeps, so a wrong count can be reported exactly.
template <typename F> Split splitCsv(const char *p, const char *e, F &&field)
{
    int i = 0;
    for (;;) {
        if (p < e && *p == '"') {
            const char *b = ++p;
            bool escaped = false;
            for (;;) {
                const auto *q = static_cast<const char *>(std::memchr(p, '"', size_t(e - p)));
                if (!q)
                    return {i + 1, SplitError::Unclosed, i};
                if (q + 1 < e && q[1] == '"') {
                    escaped = true;
                    p = q + 2;
                    continue;
                }
                field(i, b, q, escaped);
                p = q + 1;
                break;
            }
            ++i;
            if (p == e)
                return {i, SplitError::None, -1};
            if (*p != ',')
                return {i, SplitError::AfterQuote, i - 1};
            ++p;
        } else {
            const char *q = findDelimiter(p, e);
            if (q < e && *q == '"')
                return {i + 1, SplitError::StrayQuote, i};
            field(i, p, q, false);
            ++i;
            if (q == e)
                return {i, SplitError::None, -1};
            p = q + 1;
        }
    }
}

inline void unescapeInto(std::string &to, const char *b, const char *e)
{
    to.clear();
    for (; b < e; ++b) {
        to.push_back(*b);
        if (*b == '"')
            ++b; // skip the second quote of a "" pair
    }
}

} // namespace billing::bytescan
