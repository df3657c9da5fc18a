#include "costcenter/analysisview.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace billing::ui {

QJsonObject AnalysisView::toJson() const
{
    QJsonArray f;
    for (const auto &[dim, value] : filters)
        f.append(QJsonArray{dim, value});
    return QJsonObject{
        {QStringLiteral("period"), period},
        {QStringLiteral("first"), customFirst.toString(Qt::ISODate)},
        {QStringLiteral("last"), customLast.toString(Qt::ISODate)},
        {QStringLiteral("granularity"), granularityId(granularity)},
        {QStringLiteral("group_by"), QJsonArray::fromStringList(groupBy)},
        {QStringLiteral("top"), topN},
        {QStringLiteral("measure"), measureId(measure)},
        {QStringLiteral("view"), viewId(view)},
        {QStringLiteral("style"), style == Stacked ? QStringLiteral("stacked") : QStringLiteral("lines")},
        {QStringLiteral("cumulative"), cumulative},
        {QStringLiteral("filters"), f}};
}

AnalysisView AnalysisView::fromJson(const QJsonObject &o)
{
    AnalysisView v;
    v.period = o.value(QStringLiteral("period")).toInt();
    v.customFirst = QDate::fromString(o.value(QStringLiteral("first")).toString(), Qt::ISODate);
    v.customLast = QDate::fromString(o.value(QStringLiteral("last")).toString(), Qt::ISODate);
    v.granularity =
        granularityFromId(o.value(QStringLiteral("granularity")).toString()).value_or(CostQuery::Day);
    for (const QJsonValue &d : o.value(QStringLiteral("group_by")).toArray())
        if (costDimensions().contains(d.toString()) && v.groupBy.size() < 2)
            v.groupBy << d.toString();
    v.topN = std::clamp(o.value(QStringLiteral("top")).toInt(8), 1, 50);
    v.measure = measureFromId(o.value(QStringLiteral("measure")).toString()).value_or(CostMeasure::Cost);
    v.view = viewFromId(o.value(QStringLiteral("view")).toString()).value_or(CostQuery::Cash);
    v.style = o.value(QStringLiteral("style")).toString() == QLatin1String("lines") ? Lines : Stacked;
    v.cumulative = o.value(QStringLiteral("cumulative")).toBool();
    for (const QJsonValue &f : o.value(QStringLiteral("filters")).toArray()) {
        const QJsonArray pair = f.toArray();
        if (pair.size() == 2 && costDimensions().contains(pair[0].toString()))
            v.filters << qMakePair(pair[0].toString(), pair[1].toString());
    }
    return v;
}

QByteArray savedViewsToJson(const SavedViews &views)
{
    QJsonObject o;
    for (const auto &[name, view] : views)
        o.insert(name, view.toJson());
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

SavedViews savedViewsFromJson(const QByteArray &json)
{
    SavedViews views;
    const QJsonObject o = QJsonDocument::fromJson(json).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        views[it.key()] = AnalysisView::fromJson(it.value().toObject());
    return views;
}

} // namespace billing::ui
