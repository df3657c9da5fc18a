#include "exportcommon.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace billing::report {

QStringList columnTitles()
{
    QStringList titles{Tr::tr("API"), Tr::tr("Region"), Tr::tr("Mode"), Tr::tr(kCallsTitle)};
    for (const AmountColumn &c : kAmountColumns)
        titles << Tr::tr(c.title);
    return titles;
}

QStringList amountKeys()
{
    QStringList keys{QLatin1String(kCallsKey)};
    for (const AmountColumn &c : kAmountColumns)
        keys << QLatin1String(c.key);
    return keys;
}

QStringList amountFields(const Amounts &a)
{
    QStringList fields{QString::number(a.calls)};
    for (const AmountColumn &c : kAmountColumns)
        fields << exactText(a, c);
    return fields;
}

QStringList exactHeader()
{
    // Column names are a machine contract (like the JSON keys of `bill --json`): not translated.
    return QStringList{QStringLiteral("api"), QStringLiteral("region"), QStringLiteral("mode")} + amountKeys()
           << QStringLiteral("currency");
}

QStringList exactFields(const BillLine &line, const QString &api, const QString &currency)
{
    return QStringList{api, line.region, line.mode} + amountFields(line) << currency;
}

QString modeTitle(const QString &mode)
{
    if (mode == QLatin1String("pay-per-use"))
        return Tr::tr("Pay-per-use");
    if (mode == QLatin1String("package"))
        return Tr::tr("Package");
    return mode;
}

QString statusTitle(bool final)
{
    return final ? Tr::tr("final") : Tr::tr("open");
}

QString withCurrency(const QString &amount, const QString &currency)
{
    return Tr::tr("%1 %2", "amount, then currency code").arg(amount, currency);
}

QString roundedOffNote(const QString &roundedOffTotal)
{
    return Tr::tr("Amounts charged are truncated to the cent; the rounded-off total %1 is not charged.")
        .arg(roundedOffTotal);
}

Status saveAtomically(const QString &path, const std::function<Status(QIODevice &)> &write)
{
    const QString shown = QDir::toNativeSeparators(path);
    // Replacing by rename would swap a device or a link for a plain file (as root, even /dev/full):
    // only new paths and regular files are written.
    const QFileInfo target(path);
    if (target.exists() && !target.isFile())
        return Error::badData(Tr::tr("cannot write \"%1\": it is not a regular file").arg(shown));
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return Error::internal(Tr::tr("cannot write \"%1\": %2").arg(shown, file.errorString()));
    if (Status s = write(file); !s) {
        file.cancelWriting();
        return Error{s.error().code, Tr::tr("cannot write \"%1\": %2").arg(shown, s.error().message)};
    }
    if (!file.commit())
        return Error::internal(Tr::tr("cannot write \"%1\": %2").arg(shown, file.errorString()));
    return {};
}

} // namespace billing::report
