// close MONTH --out DIR: the month-end close pack (provider-bills.md §4) of a final month: a PDF (the
// module of pdfmodule.h), an XLSX and the JSON whose SHA-256 is the content hash; recorded as an audit
// entry "close" that verify checks afterwards.
#include "closewriter.h"
#include "commands.h"
#include "pdfmodule.h"
#include "tr.h"

#include <QJsonArray>
#include <QLocale>
#include <QRegularExpression>

namespace billing::cli {

Reply cmdClose(Call &call)
{
    const QString month = call.at(0);
    const QString dir = call.value(QStringLiteral("out"));
    if (!call.has(QStringLiteral("out")) || dir.isEmpty())
        return Error::badUsage(CliTr::tr("close needs --out DIR"));
    static const QRegularExpression monthSyntax(QStringLiteral("^[0-9]{4}-(0[1-9]|1[0-2])$"));
    if (!monthSyntax.match(month).hasMatch())
        return Error::badUsage(CliTr::tr("close: \"%1\" is not a month (YYYY-MM)").arg(month));
    // Checked before the database is opened: a folder that cannot be written changes and reads nothing.
    if (Status s = report::checkCloseFolder(dir); !s)
        return s.error();
    auto module = pdfModule();
    if (!module)
        return module.error();
    const PdfModule *pdf = *module;
    report::CloseResult result;
    // Inside the command's transaction: a failure rolls the catch-up and the audit entry back.
    Status done = call.run([&](Context &ctx) -> Status {
        report::CloseHooks hooks;
        hooks.pdf = [pdf](const report::CloseDocument &doc, const QString &path) {
            return pdf->exportClosePdf(doc, path, QLocale());
        };
        auto closed = report::closeMonth(ctx, month, dir, hooks);
        if (!closed)
            return closed.error();
        result = *closed;
        return {};
    });
    if (!done)
        return done.error();
    return Output{QJsonObject{{QStringLiteral("month"), result.month},
                              {QStringLiteral("content_sha256"), result.contentHash},
                              {QStringLiteral("audit_head"), result.auditHead},
                              {QStringLiteral("closed_at"), result.closedAt},
                              {QStringLiteral("charged"), result.charged.toString()},
                              {QStringLiteral("statements"), result.statements},
                              {QStringLiteral("files"), QJsonArray::fromStringList(result.files)}},
                  {CliTr::tr("Closed %1: %2").arg(result.month, result.files.join(QStringLiteral(", "))),
                   CliTr::tr("Content hash (SHA-256): %1").arg(result.contentHash),
                   CliTr::tr("Audit chain head at closing: %1").arg(result.auditHead)}};
}

} // namespace billing::cli
