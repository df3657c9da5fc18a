#pragma once

#include "widgets/format.h"
#include "widgets/page.h"

#include <QHash>

class QComboBox;
class QLabel;
class QTableView;
class QTableWidget;
class QUndoStack;

namespace billing {
class Engine;
}

namespace billing::ui {

class CompositionModel;
class ErrorBanner;
class Figure;
class PeriodPicker;
class ProjectCostModel;
class TotalsFooter;
class TotalsModel;

// Cost Center › Allocation: the cash cost of a period per enterprise project, the shared costs
// (package purchases) split by a rule with the largest-remainder method, and the cost per cost tag.
// Tags are edited in place on the projects (undoable, Ctrl+Z); fixed percentages are checked as they
// are typed and must add up to 100 %.
class AllocationPage : public Page
{
    Q_OBJECT

public:
    AllocationPage(Engine &engine, QWidget *parent);

    void refresh() override;

    ProjectCostModel *projects() const { return m_projects; }
    CompositionModel *byTag() const { return m_byTag; }
    TotalsModel *totals() const { return m_totals; }
    QUndoStack *undoStack() const { return m_undo; }
    QTableView *projectTable() const { return m_table; }
    QTableWidget *percentTable() const { return m_percents; }
    QComboBox *ruleCombo() const { return m_rule; }
    PeriodPicker *period() const { return m_period; }
    QLabel *splitLabel() const { return m_split; }
    QLabel *percentError() const { return m_percentError; }

    // Basis points of "12.5" / "33.33" (0–100 with up to 2 decimals); -1 when malformed.
    static qint64 parseBasisPoints(const QString &text);

private:
    void fillPercentTable();
    bool readPercents(QHash<QString, qint64> &out);

    Engine &m_engine;
    QUndoStack *m_undo;
    ProjectCostModel *m_projects;
    CompositionModel *m_byTag;
    TotalsModel *m_totals;
    TotalsModel *m_tagTotals;
    ErrorBanner *m_banner;
    PeriodPicker *m_period;
    QComboBox *m_rule;
    QTableWidget *m_percents;
    QLabel *m_percentError;
    Figure *m_total;
    Figure *m_shared;
    QLabel *m_split;
    QTableView *m_table;
    TotalsFooter *m_footer;
    QTableView *m_tagTable;
    TotalsFooter *m_tagFooter;
    QStringList m_knownProjects;
    int m_utcOffset = 8 * 3600;
};

} // namespace billing::ui
