#pragma once

#include "analysis/costanalysis.h"
#include "analysis/costmeasure.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QStringList>

#include <map>

namespace billing::ui {

// Everything the Analysis page is set to: a saved view is one of these under a name.
struct AnalysisView
{
    enum Style { Stacked, Lines };

    int period = 0; // PeriodPicker::Choice
    QDate customFirst;
    QDate customLast;
    CostQuery::Granularity granularity = CostQuery::Day;
    QStringList groupBy; // 0–2 dimensions
    int topN = 8;
    CostMeasure measure = CostMeasure::Cost;
    CostQuery::View view = CostQuery::Cash;
    Style style = Stacked;
    bool cumulative = false;
    QList<QPair<QString, QString>> filters; // dimension, value

    QJsonObject toJson() const;
    static AnalysisView fromJson(const QJsonObject &o);
    bool operator==(const AnalysisView &) const = default;
};

// The saved views: name → view, kept in the console's settings as one JSON document.
using SavedViews = std::map<QString, AnalysisView>;
QByteArray savedViewsToJson(const SavedViews &views);
SavedViews savedViewsFromJson(const QByteArray &json);

} // namespace billing::ui
