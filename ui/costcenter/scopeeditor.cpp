#include "costcenter/scopeeditor.h"

#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QSignalBlocker>

namespace billing::ui {

namespace {
// Selected values of a list, in its order.
QStringList selectedValues(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->isSelected())
            out << list->item(i)->text();
    return out;
}

void fill(QListWidget *list, QStringList values, const QStringList &selected)
{
    for (const QString &v : selected)
        if (!values.contains(v))
            values << v;
    values.sort();
    const QSignalBlocker block(list);
    list->clear();
    list->addItems(values);
    for (int i = 0; i < list->count(); ++i)
        list->item(i)->setSelected(selected.contains(list->item(i)->text()));
}
} // namespace

ScopeEditor::ScopeEditor(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("budgetScope"));
    const QStringList titles{tr("AP&Is:"), tr("Re&gions:"), tr("&Projects:"), tr("&Tags:")};
    const QStringList names{tr("APIs of the scope"), tr("Regions of the scope"), tr("Projects of the scope"),
                            tr("Cost tags of the scope")};
    auto *grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    for (int i = 0; i < budgetScopeDimensions().size(); ++i) {
        auto *list = new QListWidget(this);
        list->setObjectName(QStringLiteral("scope_") + budgetScopeDimensions()[i]);
        list->setAccessibleName(names[i]);
        list->setSelectionMode(QAbstractItemView::MultiSelection);
        list->setMaximumHeight(fontMetrics().height() * 6);
        list->setToolTip(tr("Click values to select or clear them; none selected counts every value."));
        auto *label = new QLabel(titles[i], this);
        label->setBuddy(list);
        grid->addWidget(label, 0, i);
        grid->addWidget(list, 1, i);
        connect(list, &QListWidget::itemSelectionChanged, this, &ScopeEditor::changed);
        m_lists << list;
        m_options << QStringList();
    }
}

QListWidget *ScopeEditor::list(const QString &dimension) const
{
    const int i = int(budgetScopeDimensions().indexOf(dimension));
    return i < 0 ? nullptr : m_lists[i];
}

void ScopeEditor::setOptions(const QString &dimension, const QStringList &values)
{
    const int i = int(budgetScopeDimensions().indexOf(dimension));
    if (i < 0)
        return;
    m_options[i] = values;
    fill(m_lists[i], values, selectedValues(m_lists[i]));
}

void ScopeEditor::setScope(const BudgetScope &scope)
{
    for (int i = 0; i < m_lists.size(); ++i)
        fill(m_lists[i], m_options[i], scopeValues(scope, budgetScopeDimensions()[i]));
    emit changed();
}

BudgetScope ScopeEditor::scope() const
{
    BudgetScope out;
    for (int i = 0; i < m_lists.size(); ++i)
        scopeValues(out, budgetScopeDimensions()[i]) = selectedValues(m_lists[i]);
    return out.normalized();
}

} // namespace billing::ui
