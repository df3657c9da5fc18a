// P7's input (docs/performance.md): the provider's transaction bill of an account, in the provider's own
// layout (provider-bills.md §1, English headers, CSV), written from the account's records with the
// reconciliation tests' fixture generator (tests/support/providerbills.h). Reads the JSON of
// `billingctl --json transactions` (a file or "-" for stdin) and writes the charges of each bill month to
// DIR/bill-YYYY-MM[-TAG].csv (a TAG per window read: a late record of one window can belong to the next
// window's bill month; several files of one month are one reconciliation input).
//
//   bench_genbills --account NAME --transactions FILE|- --out-dir DIR [--tag TAG]
#include "../support/providerbills.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>

#include <cstdio>
#include <map>

using namespace billing;
using namespace billing::test;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    const auto value = [&](const QString &name) {
        const qsizetype i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? args[i + 1] : QString();
    };
    const QString account = value(QStringLiteral("--account"));
    const QString input = value(QStringLiteral("--transactions"));
    const QString outDir = value(QStringLiteral("--out-dir"));
    const QString tag = value(QStringLiteral("--tag"));
    if (input.isEmpty() || outDir.isEmpty()) {
        std::fprintf(
            stderr, "usage: bench_genbills --account NAME --transactions FILE|- --out-dir DIR [--tag TAG]\n");
        return 2;
    }
    QFile in(input == QLatin1String("-") ? QString() : input);
    const bool opened =
        input == QLatin1String("-") ? in.open(stdin, QIODevice::ReadOnly) : in.open(QIODevice::ReadOnly);
    if (!opened) {
        std::fprintf(stderr, "bench_genbills: cannot read %s\n", qPrintable(input));
        return 1;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(in.readAll());
    auto catalog = Catalog::builtIn();
    if (!catalog) {
        std::fprintf(stderr, "bench_genbills: no built-in catalog\n");
        return 1;
    }
    std::map<QString, std::vector<ProviderRow>> months;
    for (ProviderRow &r : providerRows(doc.object().value(QStringLiteral("transactions")).toArray()))
        months[r.month].push_back(std::move(r));
    QDir().mkpath(outDir);
    const ProviderBillWriter writer(*catalog, account, Language::English);
    for (const auto &[month, rows] : months)
        if (!writer.writeCsv(
                rows, QStringLiteral("%1/bill-%2%3.csv")
                          .arg(outDir, month, tag.isEmpty() ? QString() : QStringLiteral("-") + tag))) {
            std::fprintf(stderr, "bench_genbills: cannot write %s\n", qPrintable(outDir));
            return 1;
        }
    std::printf("%zu months\n", months.size());
    return 0;
}
