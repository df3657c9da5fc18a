#pragma once

#include "domain/records.h"
#include "widgets/format.h"

#include <QWidget>

class QComboBox;
class QDate;
class QDateEdit;
class QLineEdit;

namespace billing::ui {

// The Transactions page's filters: record id, bill month, time range, type, API, region, enterprise
// project and billing mode. It turns what the person picked into a RecordFilter (the query's plain
// predicate) and says so through changed().
class RecordFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit RecordFilterBar(QWidget *parent);

    // The catalog's APIs and regions, the months and projects that have records, the time zone.
    void setChoices(const AccountDisplay &display, const QStringList &months, const QStringList &projects);
    void setProjects(const QStringList &projects);

    RecordFilter filter() const;
    // Drill-down from a bill line: the charges of that month, API, region and mode (everything else reset).
    void showBillLine(const QString &month, const QString &api, const QString &region, const QString &mode);
    // Drill-down from an anomaly or one of its causes (billing-rules §10, analysis/anomalies.h
    // anomalyRecords): the filter's days by time of use, type, API, region, project, mode and timing
    // (everything else reset).
    void showRecords(const RecordFilter &f);
    void reset();

    QLineEdit *idSearch() const { return m_id; }
    QComboBox *typeBox() const { return m_type; }
    QComboBox *apiBox() const { return m_api; }
    QComboBox *regionBox() const { return m_region; }
    QComboBox *projectBox() const { return m_project; }
    QComboBox *modeBox() const { return m_mode; }
    QComboBox *monthBox() const { return m_month; }
    QDateEdit *fromEdit() const { return m_from; }
    QDateEdit *toEdit() const { return m_to; }
    // Whether From and To are the record's time or the time of use (RecordFilter::usedFrom).
    QComboBox *datesByBox() const { return m_datesBy; }
    // On time and late, on time only, or late only (usage lines).
    QComboBox *timingBox() const { return m_timing; }

signals:
    void changed();

private:
    static void refill(QComboBox *box, const QString &allText, const QList<QPair<QString, QString>> &items);
    static void select(QComboBox *box, const QString &data);

    AccountDisplay m_display;
    QLineEdit *m_id;
    QComboBox *m_month;
    QDateEdit *m_from;
    QDateEdit *m_to;
    QComboBox *m_datesBy;
    QComboBox *m_timing;
    QComboBox *m_type;
    QComboBox *m_api;
    QComboBox *m_region;
    QComboBox *m_project;
    QComboBox *m_mode;
    bool m_quiet = false;
};

} // namespace billing::ui
