#include "reconcile/tabular.h"
#include "reconcile/tableparts.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <memory>

namespace billing {

using namespace tables;

namespace {

Status readArchive(const Zip &zip, const QString &name, TableSink &sink, Budget &budget,
                   const ReadProgress &progress, qint64 total)
{
    if (isXlsx(zip))
        return readXlsx(zip, name, sink, budget);
    auto entries = zip.entries(name, budget);
    if (!entries)
        return entries.error();
    int tables = 0;
    qint64 done = 0;
    for (const auto &[entry, index] : *entries) {
        if (entry.startsWith(QLatin1String("__MACOSX/")))
            continue;
        const QString inner = name + QStringLiteral(" \u203a ") + entry;
        const QString lower = entry.toLower();
        zip_stat_t st;
        zip_stat_init(&st);
        zip_stat_index(zip.get(), index, 0, &st);
        if (lower.endsWith(QLatin1String(".csv"))) {
            zip_file_t *f = zip_fopen_index(zip.get(), index, 0);
            if (!f)
                return bad(inner, ReconcileTr::tr("a damaged archive entry: %1")
                                      .arg(QString::fromUtf8(zip_strerror(zip.get()))));
            std::unique_ptr<zip_file_t, int (*)(zip_file_t *)> closer(f, zip_fclose);
            Status failure;
            Status s = readCsv(inner, sink, zip.source(f, inner, budget, failure), {});
            if (!failure)
                return failure;
            if (!s)
                return s;
        } else if (lower.endsWith(QLatin1String(".xlsx"))) {
            auto bytes = readEntry(zip, index, inner, budget);
            if (!bytes)
                return bytes.error();
            Zip book;
            if (Status s = book.open(*bytes, inner); !s)
                return s;
            if (!isXlsx(book))
                return bad(inner, ReconcileTr::tr("a damaged XLSX workbook: it has no workbook part"));
            if (Status s = readXlsx(book, inner, sink, budget); !s)
                return s;
        } else {
            return bad(inner, ReconcileTr::tr("not a CSV or XLSX file; an archive may hold only those"));
        }
        ++tables;
        done += qint64(st.comp_size);
        if (progress && !progress(std::min(done, total), total))
            return cancelled();
    }
    if (tables == 0)
        return bad(name, ReconcileTr::tr("the archive holds no CSV or XLSX file"));
    return {};
}

} // namespace

Status readTables(const QString &path, TableSink &sink, const ReadLimits &limits,
                  const ReadProgress &progress)
{
    const QString name = QFileInfo(path).fileName();
    QFile file(path);
    if (QFileInfo(path).isDir())
        return bad(name, ReconcileTr::tr("a folder, not a file"));
    if (!file.open(QIODevice::ReadOnly))
        return bad(name, ReconcileTr::tr("cannot be read: %1").arg(file.errorString()));
    const qint64 total = file.size();
    const QByteArray magic = file.peek(4);
    Budget budget{limits};
    if (magic.startsWith("PK\x03\x04") || magic.startsWith("PK\x05\x06")) {
        file.close();
        Zip zip;
        if (Status s = zip.open(path, name); !s)
            return s;
        return readArchive(zip, name, sink, budget, progress, total);
    }
    qint64 done = 0;
    return readCsv(
        name, sink, [&](char *buf, qint64 n) { return file.read(buf, n); },
        [&](qint64 n) {
            done += n;
            return !progress || progress(done, total);
        });
}

} // namespace billing
