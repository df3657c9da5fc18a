#include "costcenter/scopeeditor.h"

#include "widgets/format.h"

#include <QGridLayout>
#include <QLabel>
#include <QListWidget>
#include <QSignalBlocker>

#include <algorithm>
#include <utility>
#include <vector>

namespace billing::ui {

QString scopeValueName(const Catalog *catalog, const QString &dimension, const QString &value)
{
    const AccountDisplay display{QString(), 0, catalog};
    if (dimension == QLatin1String("api"))
        return apiName(display, value);
    if (dimension == QLatin1String("region"))
        return regionName(display, value);
    return value;
}

namespace {
// Selected values (ids) of a list, in its order.
QStringList selectedValues(const QListWidget *list)
{
    QStringList out;
    for (int i = 0; i < list->count(); ++i)
        if (list->item(i)->isSelected())
            out << list->item(i)->data(Qt::UserRole).toString();
    return out;
}

void fill(QListWidget *list, const QString &dimension, const Catalog *catalog, QStringList values,
          const QStringList &selected)
{
    for (const QString &v : selected)
        if (!values.contains(v))
            values << v;
    std::vector<std::pair<QString, QString>> items; // (name, id), in the order of the names
    for (const QString &v : values)
        items.emplace_back(scopeValueName(catalog, dimension, v), v);
    std::sort(items.begin(), items.end(),
              [](const auto &a, const auto &b) { return QString::localeAwareCompare(a.first, b.first) < 0; });
    const QSignalBlocker block(list);
    list->clear();
    for (const auto &[name, id] : items) {
        auto *item = new QListWidgetItem(name, list);
        item->setData(Qt::UserRole, id);
        if (name != id)
            item->setToolTip(id);
        item->setSelected(selected.contains(id));
    }
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
    fill(m_lists[i], dimension, m_catalog, values, selectedValues(m_lists[i]));
}

void ScopeEditor::setScope(const BudgetScope &scope)
{
    for (int i = 0; i < m_lists.size(); ++i)
        fill(m_lists[i], budgetScopeDimensions()[i], m_catalog, m_options[i],
             scopeValues(scope, budgetScopeDimensions()[i]));
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
