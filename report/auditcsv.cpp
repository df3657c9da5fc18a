#include "auditcsv.h"

#include "csvexport.h"
#include "exportcommon.h"

#include <QIODevice>
#include <QJsonDocument>

namespace billing::report {

namespace {
QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}
} // namespace

Status exportAuditCsv(const std::vector<AuditEntry> &entries, const BillingCalendar &calendar, QIODevice &out)
{
    auto put = [&](const QStringList &fields) -> Status {
        const QByteArray line = csvRow(fields).toUtf8();
        if (out.write(line) != line.size())
            return Error::internal(Tr::tr("cannot write the audit log: %1").arg(out.errorString()));
        return {};
    };
    if (Status s = put({QStringLiteral("id"), QStringLiteral("time"), QStringLiteral("actor"),
                        QStringLiteral("action"), QStringLiteral("subject"), QStringLiteral("before"),
                        QStringLiteral("after"), QStringLiteral("prev_hash"), QStringLiteral("hash")});
        !s)
        return s;
    for (const AuditEntry &e : entries)
        if (Status s = put({QString::number(e.id), calendar.format(e.at), e.actor, e.action, e.subject,
                            compact(e.before), compact(e.after), e.prevHash, e.hash});
            !s)
            return s;
    return {};
}

} // namespace billing::report
