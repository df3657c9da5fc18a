#include "usage/callrecordreader.h"

#include "catalog/catalog.h"
#include "time/billingcalendar.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QStringList>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <deque>
#include <iterator>

namespace billing {

namespace {

// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billing::CallRecordReader)
};

// Column names as they appear in CSV headers and JSON keys, in the order of CallRecordReader::Column.
constexpr const char *kColumnNames[] = {"timestamp",          "api",        "region", "status",
                                        "enterprise_project", "request_id", "count"};
constexpr int kColumnCount = int(std::size(kColumnNames));
constexpr int kRequiredColumns = 4; // timestamp, api, region, status
constexpr qsizetype kMaxProjectChars = 64;
constexpr qsizetype kMaxRequestIdChars = 128;
constexpr qint64 kMaxCount = 1'000'000'000;
constexpr size_t kProjectCacheSize = 16;

QLatin1String columnName(int c)
{
    return QLatin1String(kColumnNames[c]);
}

int columnOf(const QByteArray &name)
{
    for (int c = 0; c < kColumnCount; ++c)
        if (name == kColumnNames[c])
            return c;
    return -1;
}

// Word-at-a-time byte tests ("SWAR"): eight bytes per step instead of one, portable C++.
static_assert(Q_BYTE_ORDER == Q_LITTLE_ENDIAN, "the byte scans below assume little-endian words");
constexpr quint64 kOnes = 0x0101010101010101ULL;
constexpr quint64 kHighs = 0x8080808080808080ULL;

quint64 load8(const char *p)
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

// Most files are plain ASCII: test eight bytes at a time and only run the full check when a high bit shows.
bool isAscii(const char *p, const char *e)
{
    quint64 acc = 0;
    for (; e - p >= 8; p += 8)
        acc |= load8(p);
    for (; p < e; ++p)
        acc |= static_cast<unsigned char>(*p);
    return (acc & kHighs) == 0;
}

// The first ',' or '"' in [p, e), or e.
const char *findDelimiter(const char *p, const char *e)
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
bool sameBytes(const QByteArray &a, const char *b, qsizetype n)
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

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool isValidUtf8(const char *begin, const char *end)
{
    const auto *p = reinterpret_cast<const unsigned char *>(begin);
    const auto *e = reinterpret_cast<const unsigned char *>(end);
    while (p < e) {
        const unsigned c = *p;
        if (c < 0x80) {
            ++p;
            continue;
        }
        int n;
        unsigned cp, min;
        if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (e - p <= n)
            return false;
        for (int i = 1; i <= n; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        p += n + 1;
    }
    return true;
}

bool isBlank(const char *p, const char *e)
{
    for (; p < e; ++p)
        if (*p != ' ' && *p != '\t' && *p != '\r')
            return false;
    return true;
}

// Plain ASCII digits only: no sign, no spaces, no decimals. 18 digits cannot overflow a qint64.
bool parseDigits(const char *p, const char *e, qint64 &v)
{
    if (p == e || e - p > 18)
        return false;
    v = 0;
    for (; p < e; ++p) {
        const unsigned d = static_cast<unsigned char>(*p) - unsigned('0');
        if (d > 9)
            return false;
        v = v * 10 + d;
    }
    return true;
}

// Counts code points and looks for C0/C1 control characters and DEL in (valid) UTF-8.
bool checkText(const char *p, const char *e, qsizetype maxChars, bool &tooLong)
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

// A field value quoted in a message: bounded, so a 1 MiB field does not become a 1 MiB message.
QString shown(const char *b, const char *e)
{
    constexpr qsizetype kMax = 60;
    if (e - b <= kMax)
        return QString::fromUtf8(b, e - b);
    const char *cut = b + kMax;
    while (cut > b && (static_cast<unsigned char>(*cut) & 0xC0) == 0x80)
        --cut; // do not split a UTF-8 sequence
    return QString::fromUtf8(b, cut - b) + QChar(0x2026);
}

int lookup(const std::vector<QByteArray> &ids, int &last, const char *b, const char *e)
{
    const qsizetype n = e - b;
    const auto equal = [&](const QByteArray &id) { return sameBytes(id, b, n); };
    // Records come in runs of the same API and region: the previous hit is the likeliest.
    if (last < int(ids.size()) && equal(ids[size_t(last)]))
        return last;
    for (size_t i = 0; i < ids.size(); ++i) {
        if (equal(ids[i])) {
            last = int(i);
            return last;
        }
    }
    return -1;
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
// escaped == true when they hold "" pairs still to be collapsed. All fields are counted, even past
// the ones the caller keeps, so a wrong count can be reported exactly.
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

void unescapeInto(std::string &to, const char *b, const char *e)
{
    to.clear();
    for (; b < e; ++b) {
        to.push_back(*b);
        if (*b == '"')
            ++b; // skip the second quote of a "" pair
    }
}

QString splitMessage(SplitError e)
{
    switch (e) {
    case SplitError::Unclosed:
        return Tr::tr("a quoted field is not closed on this line (a quoted field may not span lines)");
    case SplitError::AfterQuote:
        return Tr::tr("unexpected text after the closing quote");
    case SplitError::StrayQuote:
        return Tr::tr("a quote inside an unquoted field; quote the whole field and double the quote");
    case SplitError::None:
        break;
    }
    return {};
}

// Lines counted eight bytes at a time: the exact zero-byte test (no borrow between bytes).
qint64 countNewlines(const char *p, const char *e)
{
    constexpr quint64 kLows = ~kHighs;
    qint64 n = 0;
    for (; e - p >= 8; p += 8) {
        const quint64 t = load8(p) ^ (kOnes * '\n');
        n += std::popcount(~(((t & kLows) + kLows) | t | kLows));
    }
    for (; p < e; ++p)
        n += *p == '\n';
    return n;
}

QString longLineMessage(qint64 line)
{
    return Tr::tr("line %1: the line is longer than %2 bytes")
        .arg(QString::number(line), QString::number(CallRecordReader::kMaxLineLength));
}

} // namespace

// A block of whole lines read by the caller's thread and parsed on a worker: the records in file
// order, then at most one error, which ends the block.
struct CallRecordReader::Block
{
    QByteArray bytes;
    qint64 firstLine = 0;
    qint64 endOffset = 0; // where in the input the block's last line ends
    LineParser parser;    // a copy of the reader's, set to the header's columns
    std::vector<CallRecord> records;
    std::optional<Error> error;
};

struct CallRecordReader::Parallel
{
    QThreadPool pool; // destroyed last: waits for the blocks still being parsed
    std::deque<QFuture<void>> running;
    std::deque<std::unique_ptr<Block>> blocks; // parallel to running
    std::unique_ptr<Block> current;
    size_t next = 0;       // the next record of current to hand out
    QByteArray tail;       // the start of a line not yet ended
    qint64 tailOffset = 0; // where in the input tail starts
    qint64 nextLine = 0;   // the number of the first line in tail
    qint64 consumed = 0;   // the input up to the end of the blocks whose records were all handed out
    bool inputDone = false;
    ~Parallel()
    {
        for (QFuture<void> &f : running)
            f.waitForFinished();
    }
};

CallRecordReader::CallRecordReader(QIODevice &in, const Catalog &catalog, Format format)
    : m_in(in), m_threads(std::max(1, QThread::idealThreadCount()))
{
    m_p.format = format;
    m_p.defaultProject = QStringLiteral("default");
    m_p.apiIds.reserve(catalog.apis().size());
    for (const ApiInfo &a : catalog.apis())
        m_p.apiIds.push_back(a.id.toUtf8());
    m_p.regionIds.reserve(catalog.regions().size());
    for (const RegionInfo &r : catalog.regions())
        m_p.regionIds.push_back(r.id.toUtf8());
}

CallRecordReader::~CallRecordReader() = default;

qint64 CallRecordReader::bytesRead() const
{
    // Blocks read ahead for the workers are not done yet: progress counts what was handed out.
    return m_par ? m_par->consumed : m_bytesRead;
}

QByteArray CallRecordReader::contentHash() const
{
    return m_hash.result().toHex();
}

Error CallRecordReader::fail(Error e)
{
    m_failed = std::make_unique<Error>(e);
    return e;
}

Error CallRecordReader::failLine(Error e)
{
    if (m_p.lastBad.line != m_p.line) // not a field error: the whole line is wrong
        m_p.lastBad = {m_p.line, QString(), e.message};
    if (!m_continue)
        return fail(e);
    return e;
}

Error CallRecordReader::LineParser::fieldError(int position, Column c, const QString &what)
{
    lastBad = {line,
               format == Format::JsonLines
                   ? QString(columnName(c))
                   : QStringLiteral("%1 (%2)").arg(QString::number(position), columnName(c)),
               what};
    if (format == Format::JsonLines)
        return Error::badData(
            Tr::tr("line %1, field \"%2\": %3").arg(QString::number(line), columnName(c), what));
    return Error::badData(Tr::tr("line %1, column %2 (%3): %4")
                              .arg(QString::number(line), QString::number(position), columnName(c), what));
}

// Reads one more chunk behind the unconsumed bytes; false at the end of the input.
Result<bool> CallRecordReader::fill()
{
    if (m_eof)
        return false;
    if (!m_buf) {
        if (!m_in.isReadable())
            return Error::internal(Tr::tr("cannot read the call records: the input is not open for reading"));
        // One chunk plus the longest line we accept: the reader never needs more.
        m_cap = kChunkSize + kMaxLineLength + 1;
        m_buf = std::make_unique_for_overwrite<char[]>(size_t(m_cap));
    }
    if (m_pos > 0) {
        std::memmove(m_buf.get(), m_buf.get() + m_pos, size_t(m_end - m_pos));
        m_end -= m_pos;
        m_scan -= m_pos;
        m_pos = 0;
    }
    for (;;) {
        const qint64 n = m_in.read(m_buf.get() + m_end, qMin(kChunkSize, m_cap - m_end));
        if (n > 0) {
            m_hash.addData(QByteArrayView(m_buf.get() + m_end, n));
            m_end += n;
            m_bytesRead += n;
            return true;
        }
        if (n < 0 && !m_in.atEnd())
            return Error::internal(Tr::tr("cannot read the call records: %1").arg(m_in.errorString()));
        // Pipes and sockets may simply have nothing yet; files and buffers are at their end.
        if (n == 0 && m_in.isSequential() && m_in.waitForReadyRead(-1))
            continue;
        m_eof = true;
        return false;
    }
}

Result<bool> CallRecordReader::nextLine(Span &line)
{
    for (;;) {
        const char *base = m_buf.get();
        if (m_scan < m_end) {
            const auto *nl =
                static_cast<const char *>(std::memchr(base + m_scan, '\n', size_t(m_end - m_scan)));
            if (nl) {
                ++m_p.line;
                line = {base + m_pos, nl};
                m_pos = m_scan = (nl - base) + 1;
                if (line.e - line.b > kMaxLineLength)
                    return Error::badData(longLineMessage(m_p.line));
                return true;
            }
            m_scan = m_end;
        }
        if (m_end - m_pos > kMaxLineLength)
            return Error::badData(longLineMessage(m_p.line + 1));
        const Result<bool> more = fill();
        if (!more)
            return more.error();
        if (!*more) {
            if (m_pos == m_end)
                return false;
            // The last line has no newline.
            ++m_p.line;
            base = m_buf.get();
            line = {base + m_pos, base + m_end};
            m_pos = m_scan = m_end;
            return true;
        }
    }
}

Result<bool> CallRecordReader::LineParser::prepare(Span &l)
{
    if (l.e > l.b && l.e[-1] == '\r')
        --l.e;
    if (!isAscii(l.b, l.e) && !isValidUtf8(l.b, l.e))
        return Error::badData(Tr::tr("line %1: the text is not valid UTF-8").arg(line));
    return !isBlank(l.b, l.e);
}

Result<bool> CallRecordReader::LineParser::parseRecord(Span l, CallRecord &out)
{
    Result<bool> r = format == Format::JsonLines ? parseJson(l, out) : parseCsv(l, out);
    if (!r && lastBad.line != line) // not a field error: the whole line is wrong
        lastBad = {line, QString(), r.error().message};
    return r;
}

Result<bool> CallRecordReader::next(CallRecord &out)
{
    if (m_failed)
        return *m_failed;
    if (m_par)
        return nextParallel(out);
    for (;;) {
        if (shouldGoParallel()) {
            startParallel();
            return nextParallel(out);
        }
        Span line;
        const Result<bool> got = nextLine(line);
        if (!got)
            return fail(got.error());
        if (!*got)
            return false;
        if (m_p.line == 1 && line.e - line.b >= 3 && std::memcmp(line.b, "\xEF\xBB\xBF", 3) == 0)
            line.b += 3;
        const Result<bool> text = m_p.prepare(line);
        if (!text)
            return failLine(text.error());
        if (!*text)
            continue;
        if (m_p.format == Format::Auto) {
            const char *p = line.b;
            while (*p == ' ' || *p == '\t')
                ++p; // a non-blank line has a non-blank byte
            m_p.format = *p == '{' ? Format::JsonLines : Format::Csv;
        }
        if (m_p.format == Format::Csv && !m_headerRead) {
            const Status s = m_p.readHeader(line);
            if (!s)
                return fail(s.error());
            m_headerRead = true;
            continue;
        }
        const Result<bool> r = m_p.parseRecord(line, out);
        if (!r)
            return failLine(r.error());
        return true;
    }
}

// Small inputs stay on the caller's thread; an input longer than one chunk is worth the workers.
bool CallRecordReader::shouldGoParallel() const
{
    return m_threads > 1 && !m_continue && !m_eof && m_bytesRead >= kChunkSize &&
           (m_p.format == Format::JsonLines || (m_p.format == Format::Csv && m_headerRead));
}

void CallRecordReader::startParallel()
{
    m_par = std::make_unique<Parallel>();
    m_par->pool.setMaxThreadCount(m_threads);
    // The unconsumed bytes start at a line boundary: they begin the first block.
    m_par->tail = QByteArray(m_buf.get() + m_pos, m_end - m_pos);
    m_par->tailOffset = m_par->consumed = m_bytesRead - (m_end - m_pos);
    m_par->nextLine = m_p.line + 1;
    m_buf.reset();
    m_pos = m_end = m_scan = 0;
    // Each block starts from this parser; a fresh project cache keeps the blocks' strings apart.
    m_p.projects.clear();
    m_p.lastProject = m_p.projectVictim = 0;
}

Result<bool> CallRecordReader::nextParallel(CallRecord &out)
{
    Parallel &par = *m_par;
    for (;;) {
        if (par.current && par.next < par.current->records.size()) {
            const CallRecord &r = par.current->records[par.next++];
            out.ts = r.ts;
            out.api = r.api;
            out.region = r.region;
            m_p.setProject(r.project, out);
            out.status = r.status;
            out.count = r.count;
            out.line = m_p.line = r.line;
            return true;
        }
        if (par.current && par.current->error) {
            m_p.line = par.current->parser.line;
            m_p.lastBad = par.current->parser.lastBad;
            return fail(*par.current->error);
        }
        if (par.current)
            par.consumed = par.current->endOffset;
        par.current.reset();
        while (!par.inputDone && par.running.size() < size_t(kBlocksInFlight)) {
            auto block = std::make_unique<Block>();
            const Result<bool> got = readBlock(*block);
            if (!got) {
                // After the blocks before it, in file order; like any input error, not a bad line.
                block->error = got.error();
                block->parser = m_p;
                block->parser.line = par.nextLine - 1;
                par.inputDone = true;
            } else if (!*got) {
                par.inputDone = true;
                break;
            }
            Block *b = block.get();
            par.running.push_back(block->error ? QtFuture::makeReadyFuture()
                                               : QtConcurrent::run(&par.pool, [b] { parseBlock(*b); }));
            par.blocks.push_back(std::move(block));
        }
        if (par.running.empty()) {
            par.consumed = m_bytesRead;
            return false;
        }
        par.running.front().waitForFinished();
        par.running.pop_front();
        par.current = std::move(par.blocks.front());
        par.blocks.pop_front();
        par.next = 0;
    }
}

// Reads at least half a chunk of whole lines (the rest of the input at its end) into a block; false
// when nothing is left.
Result<bool> CallRecordReader::readBlock(Block &block)
{
    Parallel &par = *m_par;
    if (m_eof)
        return false; // the last block took the rest
    QByteArray bytes = std::exchange(par.tail, QByteArray());
    qsizetype cut = bytes.lastIndexOf('\n') + 1; // just after the last newline, 0 for none
    if (cut == 0)
        cut = -1;
    while (cut < 0 || bytes.size() < kChunkSize / 2) {
        const qsizetype old = bytes.size();
        bytes.resize(old + kChunkSize);
        const qint64 n = m_in.read(bytes.data() + old, kChunkSize);
        if (n > 0) {
            bytes.resize(old + n);
            m_hash.addData(QByteArrayView(bytes.constData() + old, n));
            m_bytesRead += n;
            for (qsizetype k = bytes.size(); k > old; --k) {
                if (bytes[k - 1] == '\n') {
                    cut = k;
                    break;
                }
            }
            if (cut < 0 && bytes.size() > kMaxLineLength)
                return Error::badData(longLineMessage(par.nextLine)); // one unended line so far
            continue;
        }
        bytes.resize(old);
        if (n < 0 && !m_in.atEnd())
            return Error::internal(Tr::tr("cannot read the call records: %1").arg(m_in.errorString()));
        // Pipes and sockets may simply have nothing yet; files and buffers are at their end.
        if (n == 0 && m_in.isSequential() && m_in.waitForReadyRead(-1))
            continue;
        m_eof = true;
        if (bytes.isEmpty())
            return false;
        cut = bytes.size(); // the last line may have no newline
        break;
    }
    par.tail = bytes.mid(cut);
    bytes.truncate(cut);
    par.tailOffset += cut;
    block.endOffset = par.tailOffset;
    block.firstLine = par.nextLine;
    par.nextLine += countNewlines(bytes.constData(), bytes.constData() + bytes.size());
    if (!bytes.endsWith('\n'))
        ++par.nextLine;
    block.bytes = std::move(bytes);
    block.parser = m_p;
    return true;
}

// On a worker thread: the block's lines, as next() would parse them one by one.
void CallRecordReader::parseBlock(Block &block)
{
    LineParser &p = block.parser;
    p.line = block.firstLine - 1;
    const char *s = block.bytes.constData();
    const char *const end = s + block.bytes.size();
    block.records.reserve(size_t(block.bytes.size() / 48));
    while (s < end) {
        const auto *nl = static_cast<const char *>(std::memchr(s, '\n', size_t(end - s)));
        Span line{s, nl ? nl : end};
        s = nl ? nl + 1 : end;
        ++p.line;
        if (line.e - line.b > kMaxLineLength) {
            block.error = Error::badData(longLineMessage(p.line)); // an input error, not a bad line
            return;
        }
        const Result<bool> text = p.prepare(line);
        if (text && !*text)
            continue; // blank
        Result<bool> r = text;
        if (text) {
            r = p.parseRecord(line, block.records.emplace_back());
            if (!r)
                block.records.pop_back();
        }
        if (!r) {
            block.error = r.error();
            if (p.lastBad.line != p.line) // not a field error: the whole line is wrong
                p.lastBad = {p.line, QString(), r.error().message};
            return;
        }
    }
}

Status CallRecordReader::LineParser::readHeader(Span l)
{
    std::vector<QByteArray> names;
    const Split split = splitCsv(l.b, l.e, [&](int, const char *b, const char *e, bool escaped) {
        std::string s;
        if (escaped)
            unescapeInto(s, b, e);
        QByteArray name = escaped ? QByteArray(s.data(), qsizetype(s.size())) : QByteArray(b, e - b);
        names.push_back(name.trimmed()); // spaces around a column name carry no meaning
    });
    if (split.error != SplitError::None)
        return Error::badData(Tr::tr("line %1, column %2: %3")
                                  .arg(QString::number(line), QString::number(split.errorField + 1),
                                       splitMessage(split.error)));

    // Stricter is safer for billing: a column we do not know may be one the user expects us to bill by.
    QStringList unknown;
    for (size_t i = 0; i < names.size(); ++i)
        if (columnOf(names[i]) < 0)
            unknown << Tr::tr("\"%1\" (column %2)").arg(QString::fromUtf8(names[i]), QString::number(i + 1));
    if (!unknown.isEmpty()) {
        QStringList allowed;
        for (int c = 0; c < kColumnCount; ++c)
            allowed << columnName(c);
        return Error::badData(Tr::tr("line %1: unknown column(s) %2; the allowed columns are %3")
                                  .arg(QString::number(line), unknown.join(QLatin1String(", ")),
                                       allowed.join(QLatin1String(", "))));
    }

    columns.clear();
    int firstAt[kColumnCount];
    std::fill(std::begin(firstAt), std::end(firstAt), 0);
    for (size_t i = 0; i < names.size(); ++i) {
        const int c = columnOf(names[i]);
        if (firstAt[c])
            return Error::badData(
                Tr::tr("line %1, column %2 (%3): the column appears twice (first in column %4)")
                    .arg(QString::number(line), QString::number(i + 1), columnName(c),
                         QString::number(firstAt[c])));
        firstAt[c] = int(i) + 1;
        columns.push_back(Column(c));
    }
    hasProjectColumn = firstAt[ColProject] != 0;
    hasCountColumn = firstAt[ColCount] != 0;
    QStringList missing;
    for (int c = 0; c < kRequiredColumns; ++c)
        if (!firstAt[c])
            missing << columnName(c);
    if (!missing.isEmpty())
        return Error::badData(Tr::tr("line %1: the header lacks the required column(s) %2")
                                  .arg(QString::number(line), missing.join(QLatin1String(", "))));
    return {};
}

Result<bool> CallRecordReader::LineParser::parseCsv(Span l, CallRecord &out)
{
    // The header has at most one of each column, so a fixed array holds every field we keep. Left
    // uninitialised on purpose (zeroing it showed in profiles): a line is used only when every
    // position up to `expected` was filled.
    const char *fieldBegin[ColumnCount];
    const char *fieldEnd[ColumnCount];
    const int expected = int(columns.size());
    const Split split = splitCsv(l.b, l.e, [&](int i, const char *b, const char *e, bool escaped) {
        if (i >= expected)
            return;
        if (escaped) {
            std::string &s = unescaped[size_t(i)];
            unescapeInto(s, b, e);
            b = s.data();
            e = s.data() + s.size();
        }
        fieldBegin[i] = b;
        fieldEnd[i] = e;
    });
    if (split.error != SplitError::None) {
        if (split.errorField < expected)
            return fieldError(split.errorField + 1, columns[size_t(split.errorField)],
                              splitMessage(split.error));
        return Error::badData(Tr::tr("line %1, column %2: %3")
                                  .arg(QString::number(line), QString::number(split.errorField + 1),
                                       splitMessage(split.error)));
    }
    if (split.fields != expected)
        return Error::badData(
            Tr::tr("line %1: expected %2 fields as in the header, found %3")
                .arg(QString::number(line), QString::number(expected), QString::number(split.fields)));

    if (!hasProjectColumn)
        setProject(defaultProject, out);
    if (!hasCountColumn)
        out.count = 1;
    out.line = line;
    for (int i = 0; i < expected; ++i) {
        const QString what = setField(columns[size_t(i)], {fieldBegin[i], fieldEnd[i]}, out);
        if (!what.isEmpty())
            return fieldError(i + 1, columns[size_t(i)], what);
    }
    return true;
}

QString CallRecordReader::LineParser::setField(Column c, Span v, CallRecord &out)
{
    switch (c) {
    case ColTimestamp:
        if (v.b == v.e)
            return Tr::tr("the timestamp is empty");
        if (!BillingCalendar::parseTimestampFast(v.b, v.e, out.ts))
            return Tr::tr("\"%1\" is not a timestamp: use ISO 8601 with an offset and at most 6 decimals, "
                          "e.g. 2026-10-01T08:00:00.250+08:00")
                .arg(shown(v.b, v.e));
        return {};
    case ColApi:
        out.api = lookup(apiIds, lastApi, v.b, v.e);
        if (out.api < 0)
            return Tr::tr("unknown API \"%1\"").arg(shown(v.b, v.e));
        return {};
    case ColRegion:
        out.region = lookup(regionIds, lastRegion, v.b, v.e);
        if (out.region < 0)
            return Tr::tr("unknown region \"%1\"").arg(shown(v.b, v.e));
        return {};
    case ColStatus: {
        qint64 s = 0;
        if (!parseDigits(v.b, v.e, s) || s < 100 || s > 599)
            return Tr::tr("\"%1\" is not an HTTP status: use a whole number from 100 to 599")
                .arg(shown(v.b, v.e));
        out.status = int(s);
        return {};
    }
    case ColCount: {
        if (v.b == v.e) {
            out.count = 1; // empty means one call
            return {};
        }
        qint64 n = 0;
        if (!parseDigits(v.b, v.e, n) || n < 1 || n > kMaxCount)
            return Tr::tr("\"%1\" is not a count: use a whole number from 1 to 1000000000")
                .arg(shown(v.b, v.e));
        out.count = n;
        return {};
    }
    case ColProject: {
        if (v.b == v.e) {
            setProject(defaultProject, out);
            return {};
        }
        const qsizetype n = v.e - v.b;
        const auto equal = [&](const CachedText &c) { return sameBytes(c.bytes, v.b, n); };
        if (lastProject >= projects.size() || !equal(projects[lastProject])) {
            lastProject = 0;
            while (lastProject < projects.size() && !equal(projects[lastProject]))
                ++lastProject;
            if (lastProject == projects.size()) {
                bool tooLong = false;
                if (!checkText(v.b, v.e, kMaxProjectChars, tooLong))
                    return Tr::tr("the enterprise project contains a control character");
                if (tooLong)
                    return Tr::tr("the enterprise project is longer than %1 characters")
                        .arg(kMaxProjectChars);
                CachedText entry{QByteArray(v.b, n), QString::fromUtf8(v.b, n)};
                if (projects.size() < kProjectCacheSize) {
                    projects.push_back(std::move(entry));
                } else {
                    lastProject = projectVictim;
                    projectVictim = (projectVictim + 1) % kProjectCacheSize;
                    projects[lastProject] = std::move(entry);
                }
            }
        }
        setProject(projects[lastProject].text, out);
        return {};
    }
    case ColRequestId: {
        bool tooLong = false;
        if (!checkText(v.b, v.e, kMaxRequestIdChars, tooLong))
            return Tr::tr("the request id contains a control character");
        if (tooLong)
            return Tr::tr("the request id is longer than %1 characters").arg(kMaxRequestIdChars);
        return {};
    }
    case ColumnCount:
        break;
    }
    return {};
}

// Callers reuse one record: when it already shares the string, skip the two atomic reference counts.
void CallRecordReader::LineParser::setProject(const QString &project, CallRecord &out) const
{
    if (!out.project.isSharedWith(project))
        out.project = project;
}

Result<bool> CallRecordReader::LineParser::parseJson(Span l, CallRecord &out)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromRawData(l.b, l.e - l.b), &pe);
    if (pe.error != QJsonParseError::NoError)
        return Error::badData(
            Tr::tr("line %1: not a JSON object: %2 at character %3")
                .arg(QString::number(line), pe.errorString(), QString::number(pe.offset + 1)));
    if (!doc.isObject())
        return Error::badData(Tr::tr("line %1: not a JSON object").arg(line));
    const QJsonObject o = doc.object();

    setProject(defaultProject, out);
    out.count = 1;
    out.line = line;
    bool seen[ColumnCount] = {};
    for (auto it = o.constBegin(); it != o.constEnd(); ++it) {
        const QByteArray key = it.key().toUtf8();
        const int ci = columnOf(key);
        if (ci < 0)
            return Error::badData(
                Tr::tr("line %1, field \"%2\": unknown field; the fields are %3")
                    .arg(QString::number(line), it.key(),
                         QStringLiteral("timestamp, api, region, status, enterprise_project, "
                                        "request_id, count")));
        const Column c = Column(ci);
        seen[c] = true;
        const QJsonValue v = it.value();
        QByteArray bytes;
        if (v.isNull() && c >= ColProject) {
            continue; // an optional field may be given as null
        } else if (c == ColStatus || c == ColCount) {
            if (v.isDouble()) {
                // Whole numbers become their digits; anything else keeps a form the digit check refuses.
                const double d = v.toDouble();
                bytes = std::trunc(d) == d && std::fabs(d) < 1e15 ? QByteArray::number(qint64(d))
                                                                  : QByteArray::number(d, 'g', 17);
            } else if (v.isString()) {
                bytes = v.toString().toUtf8();
            } else {
                return fieldError(0, c, Tr::tr("must be a whole number or a string of digits"));
            }
        } else if (v.isString()) {
            bytes = v.toString().toUtf8();
        } else {
            return fieldError(0, c, Tr::tr("must be a string"));
        }
        const QString what = setField(c, {bytes.constData(), bytes.constData() + bytes.size()}, out);
        if (!what.isEmpty())
            return fieldError(0, c, what);
    }
    for (int c = 0; c < kRequiredColumns; ++c)
        if (!seen[c])
            return fieldError(0, Column(c), Tr::tr("the field is required but missing"));
    return true;
}

} // namespace billing
