#include "exportcommon.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace billing::report {

QStringList columnTitles()
{
    return {Tr::tr("API"),          Tr::tr("Region"),  Tr::tr("Mode"),        Tr::tr("Calls"),
            Tr::tr("Fee"),          Tr::tr("Charged"), Tr::tr("Rounded off"), Tr::tr("Paid by coupon"),
            Tr::tr("Paid by cash"), Tr::tr("Arrears")};
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
