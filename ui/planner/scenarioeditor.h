#pragma once

#include "core/result.h"
#include "engine/whatif.h"

#include <QWidget>

class QLineEdit;
class QTableWidget;
class QPushButton;

namespace billing::ui {

// The form of one scenario: its name and its changes, one row each (type, API, target, region, project,
// amount, date). What the columns mean depends on the type (their tooltips say); the rows become a scenario
// file and are checked as `billingctl whatif` checks one.
class ScenarioEditor : public QWidget
{
    Q_OBJECT

public:
    enum Column { Type, Api, Target, Region, Project, Amount, Date, ColumnCount };

    explicit ScenarioEditor(QWidget *parent);

    Result<whatif::Scenario> scenario() const;
    void setScenario(const whatif::Scenario &s);

    // Appends a change row of `type` ("volume", "buy", …) with the given cells; for tests and the form.
    void addChange(const QString &type, const QStringList &cells = {});
    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *changesTable() const { return m_changes; }
    QPushButton *addButton() const { return m_add; }
    QPushButton *removeButton() const { return m_remove; }

private:
    QLineEdit *m_name;
    QTableWidget *m_changes;
    QPushButton *m_add;
    QPushButton *m_remove;
};

} // namespace billing::ui
