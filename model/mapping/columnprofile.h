#pragma once

#include "core/result.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QString>

#include <map>
#include <optional>
#include <vector>

namespace billing {

class Catalog;

// What a profile reads: call logs, and the provider's bill files (provider-bills.md §1) in a layout the
// reconciliation does not recognize by its headers.
enum class ProfileKind { CallLog, ProviderBill };
// How a log writes the time of a call.
enum class TimeFormat { Iso8601, Local, EpochSeconds, EpochMilliseconds };
// The catalog list a field's values are mapped to.
enum class ValueDomain { None, Api, Region };

// One field a profile of a kind fills, as the mapping dialog, the validator and the JSON know it.
struct ProfileField
{
    QString id;    // its JSON name (call logs: the strict format's column, cli-contract "Call-record files")
    QString title; // translated, for people
    bool required = false;
    ValueDomain values = ValueDomain::None;
    bool isTime = false;
};

// The fields of a kind, in the order the dialog lists them.
std::vector<ProfileField> profileFields(ProfileKind kind);
std::optional<ProfileField> profileField(ProfileKind kind, const QString &id);

QString profileKindId(ProfileKind kind); // "call-log", "provider-bill"
std::optional<ProfileKind> parseProfileKind(const QString &id);
QString timeFormatId(TimeFormat format); // "iso8601", "local", "epoch-seconds", "epoch-milliseconds"
std::optional<TimeFormat> parseTimeFormat(const QString &id);
QString timeFormatTitle(TimeFormat format); // translated

// A named column profile: how to read a file in someone else's layout. Stored in the account as its
// JSON definition (profileToJson), chosen by name in the import dialog and with --profile.
struct ColumnProfile
{
    QString name;
    ProfileKind kind = ProfileKind::CallLog;
    std::map<QString, QString> columns; // the file's CSV column or JSON key -> field id; others are ignored
    TimeFormat timeFormat = TimeFormat::Iso8601;
    int utcOffsetSeconds = 0; // what a TimeFormat::Local time is in
    // field id -> the file's value -> catalog id (the catalog's ids and names are always recognized)
    std::map<QString, std::map<QString, QString>> values;

    // The file's column that gives a field, or an empty string.
    QString sourceOf(const QString &field) const;
    bool operator==(const ColumnProfile &) const = default;
};

// A profile name: 1 to 64 characters, no control characters, not blank.
Status validateProfileName(const QString &name);
// Everything the JSON reader refuses, for profiles built in the dialog.
Status validateProfile(const ColumnProfile &profile, const Catalog &catalog);

// The definition without the name (names are given apart: billingctl profile save NAME FILE).
QJsonObject profileToJson(const ColumnProfile &profile);
// Refuses what is not JSON, unknown keys, a missing required field, a field mapped twice, unknown catalog
// ids, with a message naming the key.
Result<ColumnProfile> profileFromJson(QByteArrayView json, const QString &name, const Catalog &catalog);

} // namespace billing
