#pragma once

#include <QString>
#include <QStringView>

namespace billing {

// A value the user gave, as an error message quotes it: at most kShownChars characters (then an
// ellipsis), so a 1 MB field does not become a 1 MB message, and with control characters written as
// \xNN (NUL as \x00, ESC as \x1b, CR as \x0d), so that a message cannot move the cursor, clear the
// terminal or hide its own end.
inline constexpr qsizetype kShownChars = 80;

// Control characters as \xNN, the rest as it is: for a whole message, whatever it quotes.
inline QString escapedControls(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        if (u < 0x20 || (u >= 0x7f && u < 0xa0))
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out;
}

inline QString shownValue(QStringView text)
{
    const bool cut = text.size() > kShownChars;
    QStringView head = text.first(cut ? kShownChars : text.size());
    if (cut && head.back().isHighSurrogate())
        head.chop(1); // do not split a surrogate pair
    QString out = escapedControls(head);
    if (cut)
        out += QChar(0x2026);
    return out;
}

// The same for UTF-8 bytes (a field of a call-record file): only the bytes shown are decoded.
inline QString shownValue(const char *b, const char *e)
{
    // A character takes at most 4 bytes; one more lets the decoded text show that it was cut.
    constexpr qsizetype kMaxBytes = 4 * kShownChars + 4;
    if (e - b <= kMaxBytes)
        return shownValue(QString::fromUtf8(b, e - b));
    const char *cut = b + kMaxBytes;
    while (cut > b && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80)
        --cut; // do not split a UTF-8 sequence
    const QString head = QString::fromUtf8(b, cut - b);
    // Fewer than kShownChars characters fit in the bytes decoded only when they are all long: cut there.
    return head.size() > kShownChars ? shownValue(head) : shownValue(head).append(QChar(0x2026));
}

} // namespace billing
