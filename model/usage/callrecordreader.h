#pragma once

#include "core/result.h"
#include "time/instant.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QString>

#include <array>
#include <memory>
#include <string>
#include <vector>

class QIODevice;

namespace billing {

class Catalog;

// One line of a call-record file (billing-rules §4), validated and resolved against the catalog.
struct CallRecord
{
    Instant ts = 0;   // µs since epoch (time/instant.h)
    int api = -1;     // index into catalog.apis()
    int region = -1;  // index into catalog.regions()
    QString project;  // enterprise_project, default "default"
    int status = 0;   // HTTP status 100..599
    qint64 count = 1; // number of identical calls, 1 .. 1,000,000,000
    qint64 line = 0;  // 1-based line number in the file (the header is line 1 for CSV)
};

// Streams call records out of a CSV or JSON Lines file (cli-contract "Call-record files") in bounded
// memory: one chunk plus the longest line, never the whole file. The CSV path works on bytes and
// allocates nothing per line in the common case; the import has a speed goal (performance.md P1).
// Past the first chunk, blocks of whole lines are parsed on worker threads while the caller consumes
// the records in file order (at most kBlocksInFlight blocks ahead); records, errors and their line
// numbers are the same as when read on one thread.
class CallRecordReader
{
public:
    enum class Format { Auto, Csv, JsonLines };

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
    // Where the last error was: its line, the column ("3 (region)" for CSV, the field name for JSON
    // Lines; empty when the error is about the whole line) and what is wrong.
    struct BadLine
    {
        qint64 line = 0;
        QString column;
        QString reason;
    };
    const BadLine &lastBadLine() const { return m_p.lastBad; }
    // True once the reader stopped for good (always after an error unless it continues after bad lines).
    bool hasStopped() const { return bool(m_failed); }
    qint64 lineNumber() const { return m_p.line; }

    qint64 bytesRead() const; // for progress: the input up to the records handed out so far
    // Hex BLAKE2b-256 of all bytes read so far; complete after next() returned false.
    QByteArray contentHash() const;

    static constexpr qint64 kChunkSize = 1 << 20;     // bytes asked from the device at a time
    static constexpr qint64 kMaxLineLength = 1 << 20; // longer lines are refused
    static constexpr int kBlocksInFlight = 4;         // blocks of kChunkSize read ahead for the workers

private:
    enum Column {
        ColTimestamp,
        ColApi,
        ColRegion,
        ColStatus,
        ColProject,
        ColRequestId,
        ColCount,
        ColumnCount
    };
    struct Span
    {
        const char *b = nullptr;
        const char *e = nullptr;
    };

    // Everything that turns one line into a record: the header's columns and the lookup caches. The
    // reader has one; each block parsed on a worker thread gets its own copy.
    struct LineParser
    {
        Format format = Format::Auto;
        qint64 line = 0; // the number of the line being parsed
        BadLine lastBad;

        // Strips the line end and checks the encoding; false for a blank line.
        Result<bool> prepare(Span &l);
        Status readHeader(Span l);
        Result<bool> parseRecord(Span l, CallRecord &out); // after prepare(), a non-blank line
        Result<bool> parseCsv(Span l, CallRecord &out);
        Result<bool> parseJson(Span l, CallRecord &out);
        // Validates one field's bytes and stores it in out; returns an empty string or what is wrong.
        QString setField(Column c, Span v, CallRecord &out);
        void setProject(const QString &project, CallRecord &out) const;
        Error fieldError(int position, Column c, const QString &what);

        // CSV: the column of each header position, and scratch space for fields with "" escapes.
        std::vector<Column> columns;
        std::array<std::string, ColumnCount> unescaped;

        // Catalog ids pre-encoded as UTF-8 so lookups compare bytes, with the last hit tried first.
        std::vector<QByteArray> apiIds;
        std::vector<QByteArray> regionIds;
        int lastApi = 0;
        int lastRegion = 0;
        // Files hold a handful of projects: the strings of recent ones are reused when the bytes repeat,
        // which saves a decode and an allocation per record.
        struct CachedText
        {
            QByteArray bytes;
            QString text;
        };
        std::vector<CachedText> projects;
        size_t lastProject = 0;
        size_t projectVictim = 0;
        QString defaultProject;
        bool hasProjectColumn = false;
        bool hasCountColumn = false;
    };
    struct Parallel;
    struct Block;

    Result<bool> nextLine(Span &line);
    Result<bool> fill();
    bool shouldGoParallel() const;
    void startParallel();
    Result<bool> nextParallel(CallRecord &out);
    Result<bool> readBlock(Block &block);
    static void parseBlock(Block &block);
    Error fail(Error e);
    Error failLine(Error e);

    QIODevice &m_in;
    QCryptographicHash m_hash{QCryptographicHash::Blake2b_256};
    qint64 m_bytesRead = 0;
    bool m_eof = false;
    bool m_headerRead = false;
    std::unique_ptr<Error> m_failed; // sticky: a broken file is not read on past its error
    bool m_continue = false;
    int m_threads = 1;
    LineParser m_p;

    // The buffer holds [m_pos, m_end) of unconsumed bytes; m_scan is where the newline search resumes.
    std::unique_ptr<char[]> m_buf;
    qint64 m_cap = 0;
    qint64 m_pos = 0;
    qint64 m_end = 0;
    qint64 m_scan = 0;

    std::unique_ptr<Parallel> m_par; // set once reading went parallel
};

} // namespace billing
