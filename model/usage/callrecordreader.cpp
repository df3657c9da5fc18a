#include "usage/callrecordreader.h"
#include "usage/tr.h"

#include "usage/bytescan.h"
#include "usage/linecheck.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QSemaphore>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cstring>
#include <deque>
#include <optional>

namespace billing {

namespace {

// A line longer than we read; bytes are its start (at least kMaxLineLength of them). Usually a file
// whose lines end in a bare CR, which then is one long line: say so instead.
QString longLineMessage(qint64 line, QByteArrayView bytes)
{
    if (!bytes.isEmpty() && bytes.chopped(1).contains('\r')) // not the CR of a CRLF
        return linecheck::crOnlyMessage(line);
    return UsageTr::tr("line %1: the line is longer than %2 bytes")
        .arg(QString::number(line), QString::number(CallRecordReader::kMaxLineLength));
}

} // namespace

// A block of whole lines read by the caller's thread and parsed on a worker: the records in file
// order, then at most one error, which ends the block.
struct CallRecordReader::Block
{
    explicit Block(RecordParser p) : parser(std::move(p)) {}
    QByteArray bytes;
    qint64 firstLine = 0;
    qint64 endOffset = 0; // where in the input the block's last line ends
    RecordParser parser;  // a copy of the reader's, set to the header's columns
    qint64 line = 0;      // the line being parsed, then the line of the error
    std::vector<CallRecord> records;
    std::optional<Error> error;
};

struct CallRecordReader::Parallel
{
    // Hashes what is read, in order, on a thread of its own (one thread: its tasks run one after another
    // in the order they were started), so that the reading thread only reads and cuts lines.
    QThreadPool hasher;
    QSemaphore hashSlots{8}; // chunks read and not hashed yet: bounded memory when the hasher lags
    QThreadPool pool;        // destroyed first: waits for the blocks still being parsed
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
        hasher.waitForDone();
    }
};

CallRecordReader::CallRecordReader(QIODevice &in, const Catalog &catalog, Format format)
    : m_in(in), m_threads(std::max(1, QThread::idealThreadCount())), m_parser(catalog, format)
{
}

CallRecordReader::~CallRecordReader() = default;

qint64 CallRecordReader::bytesRead() const
{
    // A compressed input: progress is on the file's bytes, which is what its size counts.
    if (m_decoder)
        return m_rawRead;
    // Blocks read ahead for the workers are not done yet: progress counts what was handed out.
    return m_par ? m_par->consumed : m_bytesRead;
}

QByteArray CallRecordReader::contentHash() const
{
    if (m_par)
        m_par->hasher.waitForDone();
    return m_hash.result().toHex();
}

Error CallRecordReader::fail(Error e)
{
    m_failed = std::make_unique<Error>(e);
    return e;
}

// The one place that reads the device: up to max bytes into to, counted for progress; 0 at its end.
Result<qint64> CallRecordReader::readRaw(char *to, qint64 max)
{
    for (;;) {
        const qint64 n = m_in.read(to, max);
        if (n > 0) {
            m_rawRead += n;
            return n;
        }
        if (n < 0 && !m_in.atEnd())
            return Error::internal(UsageTr::tr("cannot read the call records: %1").arg(m_in.errorString()));
        // Pipes and sockets may simply have nothing yet; files and buffers are at their end.
        if (n == 0 && m_in.isSequential() && m_in.waitForReadyRead(-1))
            continue;
        return 0;
    }
}

// The input as the parser sees it: up to max bytes into to, decompressed when the input starts as a
// gzip or Zstandard stream does, hashed and counted; 0 at its end.
Result<qint64> CallRecordReader::readDevice(char *to, qint64 max)
{
    Result<qint64> n = qint64(0);
    if (m_decoder) {
        n = m_decoder->read(to, max);
    } else {
        n = readRaw(to, max);
        if (n && !m_sniffed) {
            m_sniffed = true;
            // A pipe may hand over the first bytes in pieces: the magic numbers are 4 bytes at most.
            while (*n > 0 && *n < 4 && max >= 4) {
                const Result<qint64> more = readRaw(to + *n, max - *n);
                if (!more || *more == 0)
                    break;
                *n += *more;
            }
            if (const auto kind = Decompressor::detect(QByteArrayView(to, *n));
                kind != Decompressor::Kind::None) {
                m_decoder = Decompressor::make(kind, QByteArray(to, *n), [this](char *into, qint64 most) {
                    return readRaw(into, most);
                });
                n = m_decoder->read(to, max);
            }
        }
    }
    if (!n)
        return n.error();
    if (*n == 0) {
        m_eof = true;
        return 0;
    }
    if (m_par) {
        m_par->hashSlots.acquire();
        m_par->hasher.start([this, bytes = QByteArray(to, *n)] {
            m_hash.addData(bytes);
            m_par->hashSlots.release();
        });
    } else {
        m_hash.addData(QByteArrayView(to, *n));
    }
    m_bytesRead += *n;
    return *n;
}

// Reads one more chunk behind the unconsumed bytes; false at the end of the input.
Result<bool> CallRecordReader::fill()
{
    if (m_eof)
        return false;
    if (!m_buf) {
        if (!m_in.isReadable())
            return Error::internal(
                UsageTr::tr("cannot read the call records: the input is not open for reading"));
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
    const Result<qint64> n = readDevice(m_buf.get() + m_end, qMin(kChunkSize, m_cap - m_end));
    if (!n)
        return n.error();
    m_end += *n;
    return *n > 0;
}

Result<bool> CallRecordReader::nextLine(QByteArrayView &line)
{
    for (;;) {
        const char *base = m_buf.get();
        if (m_scan < m_end) {
            const auto *nl =
                static_cast<const char *>(std::memchr(base + m_scan, '\n', size_t(m_end - m_scan)));
            if (nl) {
                ++m_line;
                line = QByteArrayView(base + m_pos, nl);
                m_pos = m_scan = (nl - base) + 1;
                if (line.size() > kMaxLineLength)
                    return Error::badData(longLineMessage(m_line, line));
                return true;
            }
            m_scan = m_end;
        }
        if (m_end - m_pos > kMaxLineLength)
            return Error::badData(longLineMessage(m_line + 1, QByteArrayView(base + m_pos, base + m_end)));
        const Result<bool> more = fill();
        if (!more)
            return more.error();
        if (!*more) {
            if (m_pos == m_end)
                return false;
            // The last line has no newline.
            ++m_line;
            base = m_buf.get();
            line = QByteArrayView(base + m_pos, base + m_end);
            m_pos = m_scan = m_end;
            return true;
        }
    }
}

Result<bool> CallRecordReader::nextRawLine(QByteArrayView &line)
{
    if (m_failed)
        return *m_failed;
    const Result<bool> got = nextLine(line);
    return got ? got : Result<bool>(fail(got.error()));
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
        QByteArrayView line;
        const Result<bool> got = nextLine(line);
        if (!got)
            return fail(got.error());
        if (!*got)
            return false;
        const Result<RecordParser::Line> parsed = m_parser.parse(m_line, line, out);
        if (!parsed) {
            if (m_parser.headerFailed())
                return fail(parsed.error());
            m_lastBad = m_parser.lastBad();
            return m_continue ? parsed.error() : fail(parsed.error());
        }
        if (*parsed == RecordParser::Line::Record)
            return true;
    }
}

// Small inputs stay on the caller's thread; an input longer than one chunk is worth the workers.
bool CallRecordReader::shouldGoParallel() const
{
    return m_threads > 1 && !m_continue && !m_eof && m_bytesRead >= kChunkSize && m_parser.readsRecords();
}

void CallRecordReader::startParallel()
{
    m_par = std::make_unique<Parallel>();
    m_par->pool.setMaxThreadCount(m_threads);
    m_par->hasher.setMaxThreadCount(1);
    // The unconsumed bytes start at a line boundary: they begin the first block.
    m_par->tail = QByteArray(m_buf.get() + m_pos, m_end - m_pos);
    m_par->tailOffset = m_par->consumed = m_bytesRead - (m_end - m_pos);
    m_par->nextLine = m_line + 1;
    m_buf.reset();
    m_pos = m_end = m_scan = 0;
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
            setProject(out, r.project);
            out.status = r.status;
            out.count = r.count;
            out.line = m_line = r.line;
            return true;
        }
        if (par.current && par.current->error) {
            m_line = par.current->line;
            m_lastBad = par.current->parser.lastBad();
            return fail(*par.current->error);
        }
        if (par.current)
            par.consumed = par.current->endOffset;
        par.current.reset();
        while (!par.inputDone && par.running.size() < size_t(kBlocksInFlight)) {
            auto block = std::make_unique<Block>(m_parser.forBlock());
            const Result<bool> got = readBlock(*block);
            if (!got) {
                // After the blocks before it, in file order; like any input error, not a bad line.
                block->error = got.error();
                block->line = par.nextLine - 1;
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
    while (cut == 0 || bytes.size() < kChunkSize / 2) {
        const qsizetype old = bytes.size();
        bytes.resize(old + kChunkSize);
        const Result<qint64> n = readDevice(bytes.data() + old, kChunkSize);
        bytes.resize(old + (n ? *n : 0));
        if (!n)
            return n.error();
        if (*n == 0) {
            if (bytes.isEmpty())
                return false;
            cut = bytes.size(); // the last line may have no newline
            break;
        }
        if (const qsizetype nl = QByteArrayView(bytes).sliced(old).lastIndexOf('\n'); nl >= 0)
            cut = old + nl + 1;
        else if (cut == 0 && bytes.size() > kMaxLineLength)
            return Error::badData(longLineMessage(par.nextLine, bytes)); // one unended line so far
    }
    par.tail = bytes.mid(cut);
    bytes.truncate(cut);
    par.tailOffset += cut;
    block.endOffset = par.tailOffset;
    block.firstLine = par.nextLine;
    par.nextLine += bytescan::countNewlines(bytes.constData(), bytes.constData() + bytes.size());
    if (!bytes.endsWith('\n'))
        ++par.nextLine;
    block.bytes = std::move(bytes);
    return true;
}

// On a worker thread: the block's lines, as next() would parse them one by one.
void CallRecordReader::parseBlock(Block &block)
{
    const char *s = block.bytes.constData();
    const char *const end = s + block.bytes.size();
    block.records.reserve(size_t(block.bytes.size() / 48));
    block.line = block.firstLine - 1;
    while (s < end) {
        const auto *nl = static_cast<const char *>(std::memchr(s, '\n', size_t(end - s)));
        const QByteArrayView line(s, nl ? nl : end);
        s = nl ? nl + 1 : end;
        ++block.line;
        if (line.size() > kMaxLineLength) {
            block.error = Error::badData(longLineMessage(block.line, line)); // an input error, not a bad line
            return;
        }
        const Result<RecordParser::Line> parsed =
            block.parser.parse(block.line, line, block.records.emplace_back());
        if (!parsed) {
            block.records.pop_back();
            block.error = parsed.error();
            return;
        }
        if (*parsed == RecordParser::Line::Blank)
            block.records.pop_back();
    }
}

} // namespace billing
