// export-bill: the monthly bill as a CSV or XLSX file (billing_report writes it) or a PDF (the module of
// pdfmodule.h). export-focus: FOCUS 1.2 cost and usage rows of a range of bill months as CSV.
#include "billexport.h"
#include "commands.h"
#include "engine/bills.h"
#include "focuscsv.h"
#include "pdfmodule.h"
#include "tr.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>

namespace billing::cli {

Reply cmdExportBill(Call &call)
{
    if (!call.has(QStringLiteral("format")) || !call.has(QStringLiteral("out")))
        return Error::badUsage(CliTr::tr("export-bill needs --format csv|xlsx|pdf and --out FILE"));
    auto format = report::formatFromName(call.value(QStringLiteral("format")));
    if (!format)
        return format.error();
    const QString path = call.value(QStringLiteral("out"));
    if (path.isEmpty())
        return Error::badUsage(CliTr::tr("--out needs a file name"));
    const QString month = call.at(0);
    // The PDF writer is a module of its own (QtGui): loaded first, so a missing one changes nothing.
    const PdfModule *pdf = nullptr;
    if (*format == report::Format::Pdf) {
        auto module = pdfModule();
        if (!module)
            return module.error();
        pdf = *module;
    }
    qint64 lines = 0;
    // The file is written inside the command's transaction: when it cannot be written, the catch-up
    // is rolled back too and the failed command changes nothing (cli-contract).
    Status done = call.run([&](Context &ctx) -> Status {
        auto bill = monthlyBill(ctx, month);
        if (!bill)
            return bill.error();
        const CivilDate d = ctx.calendar.dateOf(bill->finalAt);
        lines = qint64(bill->lines.size());
        report::BillDocument doc{std::move(*bill),
                                 ctx.account.currency,
                                 ctx.account.name,
                                 QDate(d.year, d.month, d.day),
                                 ctx.calendar.format(ctx.now),
                                 report::DisplayNames(ctx.catalog)};
        return pdf ? pdf->exportPdf(doc, path, QLocale()) : report::exportBillData(doc, *format, path);
    });
    if (!done)
        return done.error();
    const QString absolute = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    return Output{QJsonObject{{QStringLiteral("month"), month},
                              {QStringLiteral("format"), report::formatName(*format)},
                              {QStringLiteral("file"), absolute},
                              {QStringLiteral("lines"), lines}},
                  {CliTr::tr("Wrote the bill of %1 to %2").arg(month, absolute)}};
}

Reply cmdExportFocus(Call &call)
{
    const FocusRange range{call.value(QStringLiteral("from")), call.value(QStringLiteral("to"))};
    const QString path = call.value(QStringLiteral("out"));
    if (range.from.isEmpty() || range.to.isEmpty() || path.isEmpty())
        return Error::badUsage(CliTr::tr("export-focus needs --from MONTH --to MONTH --out FILE"));
    // Checked before the database is opened: a bad range changes and writes nothing.
    if (Status s = validateFocusRange(range); !s)
        return s.error();
    qint64 rows = 0;
    // Inside the command's transaction, as export-bill: a file that cannot be written rolls the catch-up
    // back too.
    Status done = call.run([&](Context &ctx) -> Status {
        auto written = report::exportFocusCsv(ctx, range, path);
        if (!written)
            return written.error();
        rows = *written;
        return {};
    });
    if (!done)
        return done.error();
    const QString absolute = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    return Output{QJsonObject{{QStringLiteral("from"), range.from},
                              {QStringLiteral("to"), range.to},
                              {QStringLiteral("format"), QStringLiteral("focus-1.2-csv")},
                              {QStringLiteral("file"), absolute},
                              {QStringLiteral("rows"), rows}},
                  {CliTr::tr("Wrote %n FOCUS 1.2 row(s) of %1 to %2 to %3", nullptr, int(rows))
                       .arg(range.from, range.to, absolute)}};
}

} // namespace billing::cli
