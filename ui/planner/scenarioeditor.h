#pragma once

#include "core/result.h"
#include "engine/whatifchoices.h"

#include <QWidget>

class QLineEdit;
class QTableWidget;
class QPushButton;

namespace billing::ui {

class ChangeEditor;

// The form of one scenario: its name, its changes listed one a row (kind, what, date and the problem, if
// any), and an editor for the selected change with pickers filled from the account. The changes become a
// scenario file; problems that `billingctl whatif` would refuse keep it from being saved or run.
class ScenarioEditor : public QWidget
{
    Q_OBJECT

public:
    enum Column { Kind, Details, Date, Check, ColumnCount };

    explicit ScenarioEditor(QWidget *parent);

    void setChoices(const whatif::Choices &choices);
    void setMonths(int months); // the dates are checked against this many simulated months
    Result<whatif::Scenario> scenario() const;
    void setScenario(const whatif::Scenario &s);

    // Appends a change (a 0 % volume change unless given) and selects it.
    void addChange(const whatif::Change &change = {});
    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *changesTable() const { return m_list; }
    ChangeEditor *changeEditor() const { return m_detail; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

private:
    whatif::Scenario current() const;
    void showRow(int row);
    void recheck();
    QString details(const whatif::Change &c) const;

    whatif::Choices m_choices;
    int m_months = 3;
    std::vector<whatif::Change> m_changes;
    QLineEdit *m_name;
    QTableWidget *m_list;
    ChangeEditor *m_detail;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace billing::ui
