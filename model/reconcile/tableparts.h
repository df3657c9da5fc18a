#pragma once

// The pieces of readTables (tabular.h), shared by its files: the CSV reader (csvtable.cpp), the ZIP
// container (libzip, here) and the XLSX sheets (xlsxtable.cpp). Internal to model/reconcile/.
#include "reconcile/tabular.h"
#include "reconcile/tr.h"

#include <QCoreApplication>
#include <QFile>

#include <algorithm>
#include <functional>
#include <vector>

#include <zip.h>

namespace billing::tables {

inline constexpr qint64 kChunk = 1 << 16;
inline constexpr qsizetype kMaxField = 1 << 20; // a cell of a bill is never a megabyte
inline constexpr qint64 kRatioFloor = 1 << 20;  // small entries may compress well

// "name, line L, column C" (as far as known).
QString at(const QString &name, qint64 line, int column);
Error bad(const QString &where, const QString &why);
Error cancelled();

// A byte source: a file or a ZIP entry. read() returns the bytes read, 0 at the end, -1 on an error.
using ByteSource = std::function<qint64(char *, qint64)>;

// Reads one CSV table from source into sink; progress(bytes) after each chunk, false cancels.
Status readCsv(const QString &name, TableSink &sink, const ByteSource &source,
               const std::function<bool(qint64)> &progress);

// Running totals of what an archive expanded to, against the limits.
struct Budget
{
    const ReadLimits &limits;
    qint64 used = 0;
};

class Zip
{
public:
    ~Zip()
    {
        if (m_zip)
            zip_discard(m_zip);
    }
    // Opens a file, or bytes held in memory (an XLSX inside a ZIP).
    Status open(const QString &path, const QString &name)
    {
        int err = 0;
        m_zip = zip_open(QFile::encodeName(path).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &err);
        return opened(name, err);
    }
    Status open(const QByteArray &bytes, const QString &name)
    {
        m_bytes = bytes;
        zip_error_t error;
        zip_error_init(&error);
        zip_source_t *src =
            zip_source_buffer_create(m_bytes.constData(), zip_uint64_t(m_bytes.size()), 0, &error);
        if (src) {
            m_zip = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &error);
            if (!m_zip)
                zip_source_free(src);
        }
        const int code = zip_error_code_zip(&error);
        zip_error_fini(&error);
        return opened(name, code);
    }
    zip_t *get() const { return m_zip; }

    // The names of its files (no folders), in archive order, checked against the limits.
    Result<std::vector<std::pair<QString, zip_uint64_t>>> entries(const QString &name, Budget &budget) const
    {
        std::vector<std::pair<QString, zip_uint64_t>> out;
        const zip_int64_t n = zip_get_num_entries(m_zip, 0);
        qint64 declared = 0;
        for (zip_int64_t i = 0; i < n; ++i) {
            zip_stat_t st;
            zip_stat_init(&st);
            if (zip_stat_index(m_zip, zip_uint64_t(i), 0, &st) != 0)
                return bad(name, ReconcileTr::tr("a damaged archive: entry %1 cannot be read").arg(i + 1));
            const QString entry = QString::fromUtf8(st.name);
            if (entry.endsWith(u'/'))
                continue;
            const qint64 size = qint64(std::min<zip_uint64_t>(st.size, zip_uint64_t(1) << 62));
            declared += size;
            if (size > kRatioFloor && qint64(st.comp_size) * budget.limits.maxRatio < size)
                return bad(name + QStringLiteral(" \u203a ") + entry,
                           ReconcileTr::tr("expands more than %1 times; refused as a possible ZIP bomb")
                               .arg(budget.limits.maxRatio));
            if (budget.used + declared > budget.limits.maxUncompressed)
                return bad(name,
                           ReconcileTr::tr("expands to more than %1 MiB; refused as a possible ZIP bomb")
                               .arg(budget.limits.maxUncompressed >> 20));
            out.emplace_back(entry, zip_uint64_t(i));
        }
        return out;
    }

    // A byte source on one entry that counts against the budget (declared sizes may lie).
    ByteSource source(zip_file_t *file, const QString &name, Budget &budget, Status &failure) const
    {
        return [file, name, &budget, &failure](char *buf, qint64 n) -> qint64 {
            const zip_int64_t got = zip_fread(file, buf, zip_uint64_t(n));
            if (got < 0) {
                failure =
                    bad(name, ReconcileTr::tr("a damaged archive entry: %1")
                                  .arg(QString::fromUtf8(zip_error_strerror(zip_file_get_error(file)))));
                return -1;
            }
            budget.used += got;
            if (budget.used > budget.limits.maxUncompressed) {
                failure =
                    bad(name, ReconcileTr::tr("expands to more than %1 MiB; refused as a possible ZIP bomb")
                                  .arg(budget.limits.maxUncompressed >> 20));
                return -1;
            }
            return got;
        };
    }

private:
    Status opened(const QString &name, int code)
    {
        if (m_zip)
            return {};
        zip_error_t e;
        zip_error_init_with_code(&e, code);
        const QString why = QString::fromUtf8(zip_error_strerror(&e));
        zip_error_fini(&e);
        return bad(name, ReconcileTr::tr("a damaged ZIP archive or XLSX workbook (%1)").arg(why));
    }
    zip_t *m_zip = nullptr;
    QByteArray m_bytes;
};

Result<QByteArray> readEntry(const Zip &zip, zip_uint64_t index, const QString &name, Budget &budget);
bool isXlsx(const Zip &zip);
// Reads the first worksheet a sink takes (tabular.h).
Status readXlsx(const Zip &zip, const QString &name, TableSink &sink, Budget &budget);

} // namespace billing::tables
