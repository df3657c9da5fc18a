#pragma once

#include "analysis/costanalysis.h"

#include <QList>
#include <QPair>
#include <QWidget>

class QHBoxLayout;

namespace billing::ui {

struct AccountDisplay;

// The filters a Cost Center page applies (dimension = value), each shown as a chip with a button
// that removes it, and "Clear filters".
class FilterChips : public QWidget
{
    Q_OBJECT

public:
    using Filter = QPair<QString, QString>; // dimension, value

    explicit FilterChips(QWidget *parent);

    void setDisplay(const AccountDisplay *display) { m_display = display; }
    void add(const QString &dimension, const QString &value);
    void remove(int index);
    void clear();
    const QList<Filter> &filters() const { return m_filters; }
    bool has(const QString &dimension) const;
    // Puts the filters into a query.
    void apply(CostQuery &q) const;

signals:
    void changed();

private:
    void rebuild();

    QList<Filter> m_filters;
    QHBoxLayout *m_layout;
    const AccountDisplay *m_display = nullptr;
};

} // namespace billing::ui
