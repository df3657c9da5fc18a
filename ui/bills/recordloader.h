#pragma once

#include "domain/records.h"

#include "widgets/backgroundtask.h"

#include <QObject>

#include <optional>

namespace billing {
class Clock;
}

namespace billing::ui {

// One page of transaction records read off the GUI thread, with the totals and filter values when
// it is the first page of a query.
struct RecordPage
{
    quint64 generation = 0;
    int offset = 0;
    std::vector<Record> records;
    std::optional<RecordTotals> totals; // first page only
    QStringList projects;               // first page only
    std::optional<Error> error;
};

// Runs the Transactions page's queries in a worker thread, each with its own Engine (a connection
// belongs to its thread); the newest request wins: results of superseded requests are dropped.
class RecordLoader : public QObject
{
    Q_OBJECT

public:
    static constexpr int PageSize = 500;

    RecordLoader(const QString &location, const Clock &clock, QObject *parent);

    // A new query: its first page, totals and the projects for the filter bar.
    void load(const RecordFilter &filter);
    // The next page of the current query from offset.
    void fetch(int offset);
    bool isBusy() const { return m_task.isRunning() || m_pending.has_value(); }
    const RecordFilter &filter() const { return m_filter; }

    // The work itself, callable from any thread (tests call it directly).
    static RecordPage read(const QString &location, const Clock &clock, const RecordFilter &filter,
                           int offset, bool firstPage);

signals:
    void pageLoaded(const billing::ui::RecordPage &page);
    void busyChanged(bool busy);

private:
    struct Request
    {
        RecordFilter filter;
        int offset = 0;
        bool first = true;
        quint64 generation = 0;
    };
    void start(const Request &r);
    void onFinished(const RecordPage &page);

    QString m_location;
    const Clock &m_clock;
    RecordFilter m_filter;
    quint64 m_generation = 0;
    std::optional<Request> m_pending;
    int m_lastFetch = -1;
    // One query at a time; requests made meanwhile wait in m_pending (the newest query replaces them).
    BackgroundTask<RecordPage> m_task;
};

} // namespace billing::ui
