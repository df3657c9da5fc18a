#pragma once

#include "engine/billview.h"
#include "widgets/format.h"

#include <QDialog>

class QTextBrowser;

namespace billing {
class Engine;
}

namespace billing::ui {

// "Why was I charged this?": the calls behind one settlement line (billing-rules §9 drill-down) —
// the hour's calls by status and outcome, which source (pay-per-use or which package) covered the
// billable ones, the tier positions and prices, and how the fee was truncated to the amount charged.
class LineDetailDialog : public QDialog
{
    Q_OBJECT

public:
    LineDetailDialog(Engine &engine, qint64 recordId, QWidget *parent);

    bool isLoaded() const { return m_loaded; }
    QString errorText() const { return m_error; }
    QString text() const; // the plain text shown (tests, copy)
    const LineDetail &detail() const { return m_detail; }

private:
    QString html(const std::vector<Record> &settlement) const;

    AccountDisplay m_display;
    LineDetail m_detail;
    QTextBrowser *m_view;
    bool m_loaded = false;
    QString m_error;
};

} // namespace billing::ui
