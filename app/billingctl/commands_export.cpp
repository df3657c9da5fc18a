// export-bill: the monthly bill as a CSV, XLSX or PDF file (billing_report writes it).
#include "args.h"
#include "billexport.h"
#include "cli.h"
#include "engine/bills.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonObject>
#include <QLocale>

namespace billing::cli {

namespace {
// lupdate reads the context from Q_DECLARE_TR_FUNCTIONS; a free Tr::tr() would be filed under the namespace.
struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(billingctl)
};

int cmdExportBill(Cli &cli, const QStringList &argv)
{
    auto args = Args::parse(QStringLiteral("export-bill"), argv,
                            {QStringLiteral("format"), QStringLiteral("out")}, {}, 1, 1);
    if (!args)
        return cli.fail(args.error());
    if (!args->has(QStringLiteral("format")) || !args->has(QStringLiteral("out")))
        return cli.fail(Error::badUsage(Tr::tr("export-bill needs --format csv|xlsx|pdf and --out FILE")));
    auto format = report::formatFromName(args->value(QStringLiteral("format")));
    if (!format)
        return cli.fail(format.error());
    const QString path = args->value(QStringLiteral("out"));
    if (path.isEmpty())
        return cli.fail(Error::badUsage(Tr::tr("--out needs a file name")));
    const QString month = args->at(0);

    auto engine = cli.openEngine();
    if (!engine)
        return cli.fail(engine.error());
    qint64 lines = 0;
    // The file is written inside the command's transaction: when it cannot be written, the catch-up
    // is rolled back too and the failed command changes nothing (cli-contract).
    Status done = (*engine)->run([&](Context &ctx) -> Status {
        auto bill = monthlyBill(ctx, month);
        if (!bill)
            return bill.error();
        const CivilDate d = ctx.calendar.dateOf(bill->finalAt);
        lines = qint64(bill->lines.size());
        report::BillDocument doc{std::move(*bill), ctx.account.currency, ctx.account.name,
                                 QDate(d.year, d.month, d.day), ctx.calendar.format(ctx.now)};
        return report::exportBill(doc, *format, path, QLocale());
    });
    if (!done)
        return cli.fail(done.error());
    const QString absolute = QDir::toNativeSeparators(QFileInfo(path).absoluteFilePath());
    if (cli.json()) {
        cli.printJson(QJsonObject{{QStringLiteral("month"), month},
                                  {QStringLiteral("format"), report::formatName(*format)},
                                  {QStringLiteral("file"), absolute},
                                  {QStringLiteral("lines"), lines}});
        return 0;
    }
    cli.out() << Tr::tr("Wrote the bill of %1 to %2").arg(month, absolute) << Qt::endl;
    return 0;
}
} // namespace

void addExportCommands(std::vector<Cli::Command> &c)
{
    c.push_back({QStringLiteral("export-bill"),
                 QStringLiteral("export-bill MONTH --format csv|xlsx|pdf --out FILE"), cmdExportBill});
}

} // namespace billing::cli
