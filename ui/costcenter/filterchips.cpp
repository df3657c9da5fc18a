#include "costcenter/filterchips.h"

#include "costcenter/costlabels.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace billing::ui {

FilterChips::FilterChips(QWidget *parent) : QWidget(parent), m_layout(new QHBoxLayout(this))
{
    m_layout->setContentsMargins(0, 0, 0, 0);
    rebuild();
}

void FilterChips::add(const QString &dimension, const QString &value)
{
    for (Filter &f : m_filters)
        if (f.first == dimension) {
            f.second = value;
            rebuild();
            emit changed();
            return;
        }
    m_filters << Filter(dimension, value);
    rebuild();
    emit changed();
}

void FilterChips::remove(int index)
{
    if (index < 0 || index >= m_filters.size())
        return;
    m_filters.removeAt(index);
    rebuild();
    emit changed();
}

void FilterChips::clear()
{
    if (m_filters.isEmpty())
        return;
    m_filters.clear();
    rebuild();
    emit changed();
}

bool FilterChips::has(const QString &dimension) const
{
    for (const Filter &f : m_filters)
        if (f.first == dimension)
            return true;
    return false;
}

void FilterChips::apply(CostQuery &q) const
{
    for (const Filter &f : m_filters) {
        QStringList *list = f.first == QLatin1String("api")        ? &q.apis
                            : f.first == QLatin1String("category") ? &q.categories
                            : f.first == QLatin1String("region")   ? &q.regions
                            : f.first == QLatin1String("mode")     ? &q.modes
                            : f.first == QLatin1String("project")  ? &q.projects
                                                                   : &q.tags;
        *list = QStringList{f.second};
    }
}

void FilterChips::rebuild()
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater(); // a chip may be removing itself from its own clicked()
        }
        delete item;
    }
    setVisible(!m_filters.isEmpty());
    if (m_filters.isEmpty())
        return;
    m_layout->addWidget(new QLabel(tr("Filtered by:"), this));
    const AccountDisplay fallback;
    for (int i = 0; i < m_filters.size(); ++i) {
        const Filter &f = m_filters[i];
        auto *chip = new QToolButton(this);
        chip->setObjectName(QStringLiteral("filterChip"));
        chip->setText(
            tr("%1: %2  \u2715")
                .arg(dimensionName(f.first), keyName(m_display ? *m_display : fallback, f.first, f.second)));
        chip->setToolTip(tr("Remove this filter"));
        connect(chip, &QToolButton::clicked, this, [this, i] { remove(i); });
        m_layout->addWidget(chip);
    }
    auto *clearAll = new QToolButton(this);
    clearAll->setObjectName(QStringLiteral("clearFilters"));
    clearAll->setText(tr("Clear filters"));
    connect(clearAll, &QToolButton::clicked, this, &FilterChips::clear);
    m_layout->addWidget(clearAll);
    m_layout->addStretch(1);
}

} // namespace billing::ui
