#include "closewriter.h"
#include "exportcommon.h"

#include "close/closeseal.h"
#include "engine/context.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

namespace billing::report {

Status checkCloseFolder(const QString &dir)
{
    const QFileInfo info(dir);
    const QString shown = QDir::toNativeSeparators(dir);
    if (dir.isEmpty() || !info.exists() || !info.isDir())
        return Error::badUsage(Tr::tr("--out %1 is not an existing folder").arg(shown));
    if (!info.isWritable())
        return Error::badUsage(Tr::tr("the folder %1 cannot be written").arg(shown));
    return {};
}

Result<CloseResult> closeMonth(Context &ctx, const QString &month, const QString &dir,
                               const CloseHooks &hooks)
{
    constexpr int Steps = 5;
    auto step = [&](int n) { return !hooks.progress || hooks.progress(n, Steps); };
    auto cancelled = [] { return Error::refused(Tr::tr("the close was cancelled; nothing was written")); };
    if (Status s = checkCloseFolder(dir); !s)
        return s.error();
    if (Status s = authorizeClose(ctx); !s)
        return s.error();
    auto pack = assembleClosePack(ctx, month);
    if (!pack)
        return pack.error();
    if (!step(1))
        return cancelled();
    const QByteArray json = closePackJson(*pack);
    auto stamp = closeStamp(ctx, closePackHash(json));
    if (!stamp)
        return stamp.error();
    CloseDocument doc{*pack, *stamp, DisplayNames(ctx.catalog)};

    QTemporaryDir work(QDir(dir).filePath(QStringLiteral(".close-XXXXXX")));
    if (!work.isValid())
        return Error::internal(
            Tr::tr("cannot write into %1: %2").arg(QDir::toNativeSeparators(dir), work.errorString()));
    const QStringList names{closeFileName(month, QStringLiteral("pdf")),
                            closeFileName(month, QStringLiteral("xlsx")),
                            closeFileName(month, QStringLiteral("json"))};
    if (Status s = saveAtomically(work.filePath(names[2]),
                                  [&](QIODevice &out) -> Status {
                                      if (out.write(json) != json.size())
                                          return Error::internal(out.errorString());
                                      return {};
                                  });
        !s)
        return s.error();
    if (!step(2))
        return cancelled();
    if (Status s = exportCloseXlsx(doc, work.filePath(names[1])); !s)
        return s.error();
    if (!step(3))
        return cancelled();
    if (Status s = hooks.pdf ? hooks.pdf(doc, work.filePath(names[0]))
                             : Status(Error::internal(Tr::tr("no PDF writer")));
        !s)
        return s.error();
    if (!step(4))
        return cancelled();
    if (Status s = recordClose(ctx, *pack, *stamp); !s)
        return s.error();
    // Into place: an older close's files of the month are replaced.
    CloseResult result{month,
                       stamp->contentHash,
                       stamp->auditHead,
                       stamp->closedAt,
                       {},
                       pack->bill.totals.charged,
                       int(pack->chargebacks.size())};
    for (const QString &name : names) {
        const QString target = QDir(dir).filePath(name);
        if (QFileInfo(target).isFile())
            QFile::remove(target);
        if (!QFile::rename(work.filePath(name), target)) {
            for (const QString &placed : result.files)
                QFile::remove(placed);
            return Error::internal(Tr::tr("cannot write \"%1\"").arg(QDir::toNativeSeparators(target)));
        }
        result.files << QDir::toNativeSeparators(QFileInfo(target).absoluteFilePath());
    }
    step(5);
    return result;
}

} // namespace billing::report
