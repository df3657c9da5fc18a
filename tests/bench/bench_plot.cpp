// P5 (docs/performance.md): redraw of a year of hourly cost in 10 series in the trend chart.
// Not a test: prints the median, min and max of N redraws (new data into the same chart + an immediate
// replot), e.g. `QT_QPA_PLATFORM=offscreen build/tests/bench/bench_plot 25`. `--grab FILE` saves the
// chart of the last redraw as a PNG, to compare how it looks before and after a change.
#include "widgets/timeseriesplot.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <vector>

using billing::ui::PlotSeries;
using billing::ui::TimeSeriesPlot;

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    const int runs = argc > 1 ? std::max(1, QString::fromLocal8Bit(argv[1]).toInt()) : 21;
    const QStringList args = app.arguments();
    const bool stacked = !args.contains(QLatin1String("lines"));
    const qsizetype grab = args.indexOf(QLatin1String("--grab"));
    const int hours = 365 * 24;
    const double start = 1767196800.0; // 2026-01-01 00:00 +08:00 (seconds)
    std::vector<double> keys(hours);
    for (int h = 0; h < hours; ++h)
        keys[size_t(h)] = start + h * 3600.0;
    std::vector<PlotSeries> series(10);
    for (int s = 0; s < 10; ++s) {
        series[size_t(s)].name = QStringLiteral("Series %1").arg(s + 1);
        series[size_t(s)].color = QColor::fromHsv(s * 36, 200, 200);
        series[size_t(s)].values.resize(hours);
    }
    TimeSeriesPlot plot(nullptr);
    plot.resize(1280, 720);
    plot.show();
    std::vector<double> ms;
    for (int run = 0; run < runs + 1; ++run) {
        for (int s = 0; s < 10; ++s) // daily and weekly seasonality, different each run
            for (int h = 0; h < hours; ++h)
                series[size_t(s)].values[size_t(h)] = (s + 1) * (1.2 + std::sin((h % 24) / 24.0 * 6.283) +
                                                                 0.3 * std::sin(h / 168.0 * 6.283 + run));
        QElapsedTimer timer;
        timer.start();
        plot.setSeries(keys, series, stacked ? TimeSeriesPlot::Style::Stacked : TimeSeriesPlot::Style::Lines,
                       3600);
        plot.replotNow();
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        if (run > 0) // the first run builds the containers
            ms.push_back(elapsed);
    }
    if (grab > 0 && grab + 1 < args.size() && !plot.grab().save(args[grab + 1]))
        return 1;
    std::sort(ms.begin(), ms.end());
    QTextStream(stdout)
        << QStringLiteral(
               "bench_plot: %1 redraws of %2 series x %3 points (%4): median %5 ms, min %6 ms, max %7 ms\n")
               .arg(runs)
               .arg(10)
               .arg(hours)
               .arg(stacked ? QStringLiteral("stacked") : QStringLiteral("lines"))
               .arg(ms[ms.size() / 2], 0, 'f', 2)
               .arg(ms.front(), 0, 'f', 2)
               .arg(ms.back(), 0, 'f', 2);
    return 0;
}
