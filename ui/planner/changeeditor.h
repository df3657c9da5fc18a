#pragma once

#include "engine/whatifchoices.h"

#include <QWidget>

#include <utility>
#include <vector>

class QComboBox;
class QDateEdit;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace billing::ui {

// The editor of one change of a scenario: its kind, then the pickers that kind needs (API, region and
// project from the account, a percentage, a package size priced for the API, a package, guard fields, a
// date from tomorrow on); the change's problem, if any, is shown under it.
class ChangeEditor : public QWidget
{
    Q_OBJECT

public:
    explicit ChangeEditor(QWidget *parent);

    // The account's choices; they must outlive the editor's use of them.
    void setChoices(const whatif::Choices *choices);
    void setChange(const whatif::Change &change); // shows it without emitting changed()
    whatif::Change change() const;                // as the fields say
    void setProblem(const whatif::Problem &problem);

    static QString typeLabel(whatif::Change::Type type);

    QComboBox *typeBox() const { return m_type; }
    QComboBox *apiBox() const { return m_api; }
    QComboBox *toApiBox() const { return m_toApi; }
    QComboBox *regionBox() const { return m_region; }
    QComboBox *projectBox() const { return m_project; }
    QSpinBox *percentBox() const { return m_percent; }
    QComboBox *skuBox() const { return m_sku; }
    QComboBox *packageBox() const { return m_package; }
    QLineEdit *guardNameEdit() const { return m_guardName; }
    QComboBox *guardKindBox() const { return m_guardKind; }
    QLineEdit *amountEdit() const { return m_amount; }
    QDateEdit *dateEdit() const { return m_date; }
    QLabel *problemLabel() const { return m_problem; }

signals:
    void changed();

private:
    whatif::Change::Type type() const;
    void typeChanged();
    void showFields();
    void fillApis();
    void fillSkus();
    void fillPackages();
    void edited();

    const whatif::Choices *m_choices = nullptr;
    bool m_loading = false;
    QFormLayout *m_form;
    QComboBox *m_type, *m_api, *m_toApi, *m_region, *m_project, *m_sku, *m_package, *m_guardKind;
    QSpinBox *m_percent;
    QLineEdit *m_guardName, *m_amount;
    QDateEdit *m_date;
    QLabel *m_problem;
    std::vector<std::pair<QLabel *, QWidget *>> m_rows; // every row's label and field, in form order
};

} // namespace billing::ui
