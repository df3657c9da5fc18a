// The transaction records behind an anomaly and its causes (anomalies.h, anomalyRecords).
#include "analysis/anomalies.h"

namespace billing {

std::optional<RecordFilter> anomalyRecords(const Anomaly &a, const QString &cause, int utcOffsetSeconds)
{
    RecordFilter f;
    f.type = Record::Type::Usage;
    f.api = a.api;
    f.region = a.region;
    f.project = a.project;
    f.usedFrom = a.day;
    f.usedTo = a.day + kMicrosPerDay;
    f.utcOffsetSeconds = utcOffsetSeconds;
    if (cause.isEmpty())
        return f;
    f.late = cause == QLatin1String("late_usage");
    if (cause == QLatin1String("package_coverage"))
        f.mode = kModePackage;
    else if (cause == QLatin1String("tier") || cause == QLatin1String("price"))
        f.mode = kModePayPerUse;
    else if (cause != QLatin1String("volume") && cause != QLatin1String("late_usage"))
        return std::nullopt;
    return f;
}

} // namespace billing
