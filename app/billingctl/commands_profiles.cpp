// profile save|list|show|remove: named column profiles for call logs in other layouts (README, "Column
// profiles"); import-calls --profile NAME reads a log through one.
#include "commands.h"
#include "json.h"
#include "mapping/profiles.h"
#include "tr.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStringList>

namespace billing::cli {

namespace {

// "timestamp ← ts (local +08:00), api ← service, ...": what a profile reads, on one line.
QString summary(const ColumnProfile &p)
{
    QStringList parts;
    for (const ProfileField &f : profileFields(p.kind)) {
        const QString source = p.sourceOf(f.id);
        if (source.isEmpty())
            continue;
        QString part = QStringLiteral("%1 \u2190 %2").arg(f.id, source);
        if (f.isTime)
            part += QStringLiteral(" (%1)").arg(timeFormatId(p.timeFormat));
        parts << part;
    }
    return parts.join(QLatin1String(", "));
}

// The kind of the saved profile of that name: a provider-bill profile when there is one, else call-log
// (whose unknown-name message lists the names).
ProfileKind kindOf(Context &ctx, const QString &name)
{
    auto bill = columnProfileExists(ctx, ProfileKind::ProviderBill, name);
    return bill && *bill ? ProfileKind::ProviderBill : ProfileKind::CallLog;
}

} // namespace

Reply cmdProfile(Call &)
{
    return Error::badUsage(CliTr::tr("profile: give save, list, show or remove"));
}

Reply cmdProfileSave(Call &call)
{
    const QString name = call.at(0);
    const QString path = call.at(1);
    if (Status s = validateProfileName(name); !s)
        return s.error();
    QFile file(path);
    if (const QFileInfo info(path); !info.exists() || info.isDir())
        return Error::badUsage(CliTr::tr("profile save: no file %1").arg(path));
    if (!file.open(QIODevice::ReadOnly))
        return Error::badData(CliTr::tr("cannot read %1: %2").arg(path, file.errorString()));
    const QByteArray text = file.readAll();
    const bool replace = call.has(QStringLiteral("replace"));
    bool existed = false;
    Status s = call.run([&](Context &ctx) -> Status {
        auto profile = profileFromJson(text, name, ctx.catalog);
        if (!profile)
            return Error::badData(QStringLiteral("%1: %2").arg(path, profile.error().message));
        auto exists = columnProfileExists(ctx, profile->kind, name);
        if (!exists)
            return exists.error();
        existed = *exists;
        return saveColumnProfile(ctx, *profile, replace);
    });
    if (!s)
        return s.error();
    return Output{QJsonObject{{QStringLiteral("saved"), name}, {QStringLiteral("replaced"), existed}},
                  {existed ? CliTr::tr("Column profile %1 replaced.").arg(name)
                           : CliTr::tr("Column profile %1 saved.").arg(name)}};
}

Reply cmdProfileList(Call &call)
{
    auto r = call.run([](Context &ctx) -> Result<std::vector<ColumnProfile>> {
        std::vector<ColumnProfile> all;
        for (ProfileKind kind : {ProfileKind::CallLog, ProfileKind::ProviderBill}) {
            auto some = columnProfiles(ctx, kind);
            if (!some)
                return some.error();
            all.insert(all.end(), some->begin(), some->end());
        }
        return all;
    });
    if (!r)
        return r.error();
    return Output::list(
        QStringLiteral("profiles"), *r, json::columnProfile,
        [](const ColumnProfile &p) { return QStringLiteral("%1: %2").arg(p.name, summary(p)); },
        CliTr::tr("No column profiles."));
}

Reply cmdProfileShow(Call &call)
{
    const QString name = call.at(0);
    auto r = call.run([&](Context &ctx) { return columnProfile(ctx, kindOf(ctx, name), name); });
    if (!r)
        return r.error();
    const QString text = QString::fromUtf8(QJsonDocument(profileToJson(*r)).toJson(QJsonDocument::Indented));
    return Output{json::columnProfile(*r), text.trimmed().split(QLatin1Char('\n'))};
}

Reply cmdProfileRemove(Call &call)
{
    const QString name = call.at(0);
    Status s = call.run([&](Context &ctx) { return removeColumnProfile(ctx, kindOf(ctx, name), name); });
    if (!s)
        return s.error();
    return Output{QJsonObject{{QStringLiteral("removed"), name}},
                  {CliTr::tr("Column profile %1 removed.").arg(name)}};
}

} // namespace billing::cli
