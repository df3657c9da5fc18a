#include "mapping/profiles.h"
#include "mapping/tr.h"

#include "auth/identity.h"
#include "engine/context.h"
#include "storage/profilerepository.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QStringList>

namespace billing {

namespace {

Result<ColumnProfile> fromStored(const StoredProfile &s, const Catalog &catalog)
{
    auto p = profileFromJson(s.definition.toUtf8(), s.name, catalog);
    if (!p)
        return Error::badData(MappingTr::tr("the saved column profile \"%1\" is not usable: %2")
                                  .arg(s.name, p.error().message));
    return p;
}

QJsonObject auditJson(const std::optional<StoredProfile> &s)
{
    if (!s)
        return {};
    return QJsonDocument::fromJson(s->definition.toUtf8()).object();
}

// Who may change a profile of a kind: call-log profiles belong to importing, provider-bill profiles to
// closing the books (billing-decisions.md, "Roles").
Permission permissionFor(ProfileKind kind)
{
    return kind == ProfileKind::ProviderBill ? Permission::CloseMonth : Permission::ImportCalls;
}

QString subject(const QString &name)
{
    return QStringLiteral("column profile %1").arg(name);
}

} // namespace

Result<std::vector<ColumnProfile>> columnProfiles(Context &ctx, ProfileKind kind)
{
    auto stored = ProfileRepository(ctx.db).all(profileKindId(kind));
    if (!stored)
        return stored.error();
    std::vector<ColumnProfile> out;
    for (const StoredProfile &s : *stored) {
        auto p = fromStored(s, ctx.catalog);
        if (!p)
            return p.error();
        out.push_back(std::move(*p));
    }
    return out;
}

Result<ColumnProfile> columnProfile(Context &ctx, ProfileKind kind, const QString &name)
{
    ProfileRepository repo(ctx.db);
    auto stored = repo.byName(profileKindId(kind), name);
    if (!stored)
        return stored.error();
    if (*stored)
        return fromStored(**stored, ctx.catalog);
    auto all = repo.all(profileKindId(kind));
    if (!all)
        return all.error();
    QStringList names;
    for (const StoredProfile &s : *all)
        names << s.name;
    return Error::badUsage(
        names.isEmpty() ? MappingTr::tr("there is no column profile named \"%1\"; none is saved").arg(name)
                        : MappingTr::tr("there is no column profile named \"%1\"; the profiles are %2")
                              .arg(name, names.join(QLatin1String(", "))));
}

Result<bool> columnProfileExists(Context &ctx, ProfileKind kind, const QString &name)
{
    auto stored = ProfileRepository(ctx.db).byName(profileKindId(kind), name);
    if (!stored)
        return stored.error();
    return stored->has_value();
}

Status saveColumnProfile(Context &ctx, const ColumnProfile &profile, bool replace)
{
    if (Status s = authorize(ctx, permissionFor(profile.kind)); !s)
        return s;
    if (Status s = validateProfile(profile, ctx.catalog); !s)
        return s;
    ProfileRepository repo(ctx.db);
    const QString kind = profileKindId(profile.kind);
    auto before = repo.byName(kind, profile.name);
    if (!before)
        return before.error();
    if (*before && !replace)
        return Error::refused(
            MappingTr::tr("a column profile named \"%1\" exists already; replace it to save it again")
                .arg(profile.name));
    const QJsonObject definition = profileToJson(profile);
    StoredProfile stored{kind, profile.name,
                         QString::fromUtf8(QJsonDocument(definition).toJson(QJsonDocument::Compact)),
                         ctx.now};
    if (Status s = repo.put(stored); !s)
        return s;
    return ctx.audit(QStringLiteral("profile-save"), subject(profile.name), auditJson(*before), definition);
}

Status removeColumnProfile(Context &ctx, ProfileKind kind, const QString &name)
{
    if (Status s = authorize(ctx, permissionFor(kind)); !s)
        return s;
    ProfileRepository repo(ctx.db);
    auto before = repo.byName(profileKindId(kind), name);
    if (!before)
        return before.error();
    if (!*before)
        return columnProfile(ctx, kind, name).error(); // the unknown-name message, with the names there are
    if (Status s = repo.remove(profileKindId(kind), name); !s)
        return s;
    return ctx.audit(QStringLiteral("profile-remove"), subject(name), auditJson(*before), {});
}

} // namespace billing
