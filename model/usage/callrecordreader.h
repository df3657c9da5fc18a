#pragma once

#include "core/result.h"
#include "usage/decompressor.h"
#include "usage/recordparser.h"

#include <QByteArray>
#include <QCryptographicHash>

#include <memory>

class QIODevice;

namespace billing {

class Catalog;

// Streams call records out of a CSV or JSON Lines file (cli-contract "Call-record files"), plain or
// compressed with gzip or Zstandard (told by its first bytes, not its name), in bounded memory: one chunk
// plus the longest line, never the whole file. The lines are parsed by a RecordParser (recordparser.h); this
// reads the device (files, stdin, pipes), cuts lines, hashes the bytes and counts them for progress. Past the
// first chunk, blocks of whole lines are parsed on worker threads while the caller consumes the records in
// file order (at most kBlocksInFlight blocks ahead); records, errors and their line numbers are the same as
// when read on one thread.
class CallRecordReader
{
public:
    using Format = RecordParser::Format;
    using BadLine = RecordParser::BadLine;

    CallRecordReader(QIODevice &in, const Catalog &catalog, Format format = Format::Auto);
    ~CallRecordReader();
    CallRecordReader(const CallRecordReader &) = delete;
    CallRecordReader &operator=(const CallRecordReader &) = delete;

    // Reads the next record into out. Returns true when a record was read, false at the end of the input.
    // On bad input returns an Error with code ErrorCode::BadData whose translated message names the line,
    // the column (1-based field position for CSV; the field name for JSON Lines) and what is wrong, e.g.
    // "line 17, column 3 (region): unknown region \"eu-west-9\"". After an error the reader stays failed.
    Result<bool> next(CallRecord &out);

    // Opt-in, off by default (the import keeps stopping at the first bad line): after a bad record line,
    // next() returns that line's error and the following call goes on with the next line. Errors in the
    // header, unreadable input and overlong lines still stop the reader for good. Reads on one thread.
    void setContinueAfterBadLines(bool on) { m_continue = on; }
    // Threads that parse blocks of lines; 1 parses on the caller's thread only. Set before the first
    // next(); the default is QThread::idealThreadCount().
    void setThreads(int n) { m_threads = n; }
    // Reads a log in another layout through a column mapping (usage/linemapping.h). Set before next().
    void setMapping(std::unique_ptr<LineMapping> mapping) { m_parser.setMapping(std::move(mapping)); }
    // For previews of a log's own columns: the next line as it is (decompressed, without its '\n'),
    // false at the end. Not mixed with next() on one reader.
    Result<bool> nextRawLine(QByteArrayView &line);
    // Where the last bad record line was (see RecordParser::BadLine).
    const BadLine &lastBadLine() const { return m_lastBad; }
    // True once the reader stopped for good (always after an error unless it continues after bad lines).
    bool hasStopped() const { return bool(m_failed); }
    qint64 lineNumber() const { return m_line; }

    // For progress: the input up to the records handed out so far (of a compressed input: the
    // compressed bytes read so far, to compare with the file's size).
    qint64 bytesRead() const;
    // Hex BLAKE2b-256 of all bytes read so far; complete after next() returned false.
    QByteArray contentHash() const;

    static constexpr qint64 kChunkSize = 1 << 20;     // bytes asked from the device at a time
    static constexpr qint64 kMaxLineLength = 1 << 20; // longer lines are refused
    static constexpr int kBlocksInFlight = 4;         // blocks of kChunkSize read ahead for the workers

private:
    struct Parallel;
    struct Block;

    Result<qint64> readRaw(char *to, qint64 max);
    Result<qint64> readDevice(char *to, qint64 max);
    Result<bool> fill();
    Result<bool> nextLine(QByteArrayView &line);
    bool shouldGoParallel() const;
    void startParallel();
    Result<bool> nextParallel(CallRecord &out);
    Result<bool> readBlock(Block &block);
    static void parseBlock(Block &block);
    Error fail(Error e);

    QIODevice &m_in;
    QCryptographicHash m_hash{QCryptographicHash::Blake2b_256};
    qint64 m_bytesRead = 0; // of the input as parsed (decompressed)
    qint64 m_rawRead = 0;   // of the device
    bool m_sniffed = false; // the first bytes were checked for a compressed format
    std::unique_ptr<Decompressor> m_decoder;
    bool m_eof = false;
    std::unique_ptr<Error> m_failed; // sticky: a broken file is not read on past its error
    bool m_continue = false;
    int m_threads = 1;
    RecordParser m_parser;
    qint64 m_line = 0; // the number of the last line cut (or, when parallel, handed out)
    BadLine m_lastBad;

    // The buffer holds [m_pos, m_end) of unconsumed bytes; m_scan is where the newline search resumes.
    std::unique_ptr<char[]> m_buf;
    qint64 m_cap = 0;
    qint64 m_pos = 0;
    qint64 m_end = 0;
    qint64 m_scan = 0;

    std::unique_ptr<Parallel> m_par; // set once reading went parallel
};

} // namespace billing
