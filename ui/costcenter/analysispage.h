#pragma once

#include "costcenter/analysisview.h"
#include "widgets/format.h"
#include "widgets/page.h"

class QCheckBox;
class QComboBox;
class QMenu;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTableView;
class QToolButton;
class QUndoStack;

namespace billing {
class Engine;
}

namespace billing::ui {

class ConsoleSettings;
class ErrorBanner;
class Figure;
class FilterChips;
class PeriodPicker;
class SavedViewStore;
class SeriesTableModel;
class TimeSeriesPlot;
class TotalsFooter;
class TotalsModel;

// Cost Center › Analysis: cost or calls over time at hour, day or month granularity, grouped by up to
// two dimensions (top N and "others"), filtered on any dimension, cash or amortized (waste as its own
// series), stacked or as lines, optionally cumulative with the month-end forecast band and the lines of
// the budgets whose scope the filters select; the table it is drawn from one click away; views saved by
// name (undoable).
class AnalysisPage : public Page
{
    Q_OBJECT

public:
    AnalysisPage(Engine &engine, ConsoleSettings &settings, QWidget *parent);

    void refresh() override;

    AnalysisView currentView() const;
    void applyView(const AnalysisView &view);
    void saveView(const QString &name);
    void deleteView(const QString &name);

    TimeSeriesPlot *plot() const { return m_plot; }
    SeriesTableModel *tableModel() const { return m_model; }
    FilterChips *filters() const { return m_filters; }
    QUndoStack *undoStack() const { return m_undo; }
    SavedViewStore *savedViews() const { return m_views; }
    QTableView *table() const { return m_table; }
    QToolButton *tableToggle() const { return m_showTable; }
    Figure *totalFigure() const { return m_total; }

private:
    void buildFilterMenu();
    void fillSavedViews();
    void exportChart();
    void exportTable();
    void openFocusExport();

    Engine &m_engine;
    AccountDisplay m_display;
    SavedViewStore *m_views;
    QUndoStack *m_undo;
    ErrorBanner *m_banner;
    PeriodPicker *m_period;
    QComboBox *m_granularity;
    QComboBox *m_group1;
    QComboBox *m_group2;
    QSpinBox *m_topN;
    QComboBox *m_measure;
    QComboBox *m_costView;
    QComboBox *m_style;
    QCheckBox *m_cumulative;
    FilterChips *m_filters;
    QToolButton *m_addFilter;
    QMenu *m_filterMenu;
    QComboBox *m_savedViews;
    Figure *m_total;
    Figure *m_forecast;
    TimeSeriesPlot *m_plot;
    SeriesTableModel *m_model;
    TotalsModel *m_totals = nullptr;
    QSplitter *m_split;
    QTableView *m_table;
    TotalsFooter *m_footer;
    QToolButton *m_showTable;
    bool m_applying = false;
};

} // namespace billing::ui
