#include "reconcile/billfile.h"
#include "reconcile/billreader.h"
#include "reconcile/tr.h"

#include "catalog/catalog.h"
#include "core/shown.h"
#include "domain/types.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>

#include <array>
#include <tuple>

namespace billing {

bool BillLineKey::operator<(const BillLineKey &o) const
{
    return std::tie(month, hour, api, region, mode, project) <
           std::tie(o.month, o.hour, o.api, o.region, o.mode, o.project);
}

namespace {

Result<QByteArray> sha256Of(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error::badData(
            ReconcileTr::tr("%1: cannot be read: %2").arg(QFileInfo(path).fileName(), f.errorString()));
    QCryptographicHash h(QCryptographicHash::Sha256);
    if (!h.addData(&f))
        return Error::badData(
            ReconcileTr::tr("%1: cannot be read: %2").arg(QFileInfo(path).fileName(), f.errorString()));
    return h.result().toHex();
}

} // namespace

Result<BillFileSummary> readBillFile(const QString &path, const BillFileOptions &options,
                                     const LineSink &sink, const ReadLimits &limits,
                                     const ReadProgress &progress)
{
    BillFileSummary summary;
    summary.path = path;
    billwords::Reader reader(options, sink, summary);
    if (Status s = readTables(path, reader, limits, progress); !s)
        return s.error();
    auto hash = sha256Of(path);
    if (!hash)
        return hash.error();
    summary.sha256 = *hash;
    return summary;
}

} // namespace billing
