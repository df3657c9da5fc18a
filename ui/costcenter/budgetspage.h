#pragma once

#include "domain/budget.h"
#include "widgets/page.h"

#include <optional>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QUndoStack;

namespace billing {
class Engine;
}

namespace billing::ui {

class BudgetModel;
class ErrorBanner;
class ScopeEditor;

// Cost Center › Budgets: monthly budgets with alert thresholds on the month's spend and on its forecast
// (each alerts once a month, as a notification), each over its scope (API, region, project, tag; none:
// the whole account). Edits are undoable (Ctrl+Z); fields are checked as
// they are typed, with the reason beside them.
class BudgetsPage : public Page
{
    Q_OBJECT

public:
    BudgetsPage(Engine &engine, QWidget *parent);

    void refresh() override;

    BudgetModel *model() const { return m_model; }
    QUndoStack *undoStack() const { return m_undo; }
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *amountEdit() const { return m_amount; }
    QLineEdit *actualEdit() const { return m_actual; }
    QLineEdit *forecastEdit() const { return m_forecast; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *removeButton() const { return m_remove; }
    QPushButton *newButton() const { return m_new; }
    QLabel *formError() const { return m_error; }
    QTableView *table() const { return m_table; }
    ScopeEditor *scopeEditor() const { return m_scope; }

private:
    std::optional<Budget> formBudget();
    void validate();
    void select(int row);
    void save();
    void removeSelected();

    Engine &m_engine;
    QUndoStack *m_undo;
    BudgetModel *m_model;
    ErrorBanner *m_banner;
    QTableView *m_table;
    QLineEdit *m_name;
    QLineEdit *m_amount;
    QLineEdit *m_actual;
    QLineEdit *m_forecast;
    ScopeEditor *m_scope;
    QLabel *m_error;
    QPushButton *m_save;
    QPushButton *m_remove;
    QPushButton *m_new;
    std::optional<Budget> m_selected;
};

} // namespace billing::ui
