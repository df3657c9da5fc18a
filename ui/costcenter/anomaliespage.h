#pragma once

#include "domain/records.h"
#include "time/instant.h"
#include "widgets/page.h"

class QDate;
class QLabel;
class QPushButton;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

namespace billing {
class Engine;
struct Anomaly;
} // namespace billing

namespace billing::ui {

class AnomalyCauseModel;
class AnomalyModel;
class ErrorBanner;
class PeriodPicker;
class TimeSeriesPlot;
class WaterfallPlot;

// Cost Center › Anomalies (billing-rules §10): the days whose cost per (API, region, project) left the
// band around the same weekday's median of the 4 weeks before, newest first, filtered by a period and by
// text; the selected one's causes as a waterfall from the reference day's cost to the day's (and as a
// table), and its key's daily cost over the weeks around it with the baseline band. "Show records…", a
// double-click or Enter on a row opens the transaction records behind it; a click on a waterfall bar, or
// Enter or a double-click on a causes row, the records behind that cause (anomalyRecords).
class AnomaliesPage : public Page
{
    Q_OBJECT

public:
    AnomaliesPage(Engine &engine, QWidget *parent);

    void refresh() override;
    // Selects the anomaly of that day and key if the list shows it (the Overview's latest anomalies).
    void selectAnomaly(Instant day, const QString &api, const QString &region, const QString &project);

    AnomalyModel *model() const { return m_model; }
    QSortFilterProxyModel *proxy() const { return m_proxy; }
    QTableView *table() const { return m_table; }
    QLineEdit *filterEdit() const { return m_filter; }
    PeriodPicker *periodPicker() const { return m_period; }
    TimeSeriesPlot *plot() const { return m_plot; }
    QLabel *explanation() const { return m_explanation; }
    QPushButton *recordsButton() const { return m_records; }
    AnomalyCauseModel *causeModel() const { return m_causes; }
    QTableView *causeTable() const { return m_causeTable; }
    WaterfallPlot *waterfall() const { return m_waterfall; }

signals:
    // Drill-down: the transaction records behind an anomaly or one of its causes (anomalyRecords).
    void recordsRequested(const billing::RecordFilter &filter);

private:
    void showSeries(int row);
    void showCauses(const Anomaly *a);
    void openRecords();
    // The drill-down of a waterfall step (a causes row): the reference day, a cause, the day.
    void openStep(int step);

    Engine &m_engine;
    AnomalyModel *m_model;
    QSortFilterProxyModel *m_proxy;
    ErrorBanner *m_banner;
    PeriodPicker *m_period;
    QLineEdit *m_filter;
    QLabel *m_count;
    QTableView *m_table;
    QLabel *m_explanation;
    QPushButton *m_records;
    TimeSeriesPlot *m_plot;
    AnomalyCauseModel *m_causes;
    QTableView *m_causeTable;
    WaterfallPlot *m_waterfall;
    QString m_currency;
    int m_utcOffsetSeconds = 0;
};

} // namespace billing::ui
