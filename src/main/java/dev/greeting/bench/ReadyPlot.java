package dev.greeting.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The Ready count over emulated time against the most any client could have, as a PNG (JFreeChart, headless). */
public final class ReadyPlot {
    private ReadyPlot() {
    }

    public static Path write(SizeResult r, Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries ready = new XYSeries("operator: Ready");
        ready.add(0, 0);
        List<Double> times = r.readyTimes();
        for (int i = 0; i < times.size(); i++) {
            ready.add(times.get(i) * r.scale(), i + 1);
        }
        double end = Math.max(r.createBound().seconds(), times.isEmpty() ? 0 : times.get(times.size() - 1) * r.scale()) * 1.05;
        XYSeries bound = new XYSeries("quota bound (" + r.createBound().rule() + ")");
        int steps = 400;
        for (int i = 0; i <= steps; i++) {
            double t = end * i / steps;
            bound.add(t, r.createBound().readyBy(t, r.n()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(ready);
        data.addSeries(bound);
        if (r.peer() != null) {
            XYSeries peer = new XYSeries("sequential SDK peer: all done");
            peer.add(r.peer().seconds(), 0);
            peer.add(r.peer().seconds(), r.n());
            data.addSeries(peer);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                String.format("%d GreetingApis under AWS's quotas (time scale %.0f, %s)", r.n(), r.scale(), r.kube()),
                "emulated seconds", "Ready", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        XYStepRenderer renderer = new XYStepRenderer();
        renderer.setSeriesPaint(0, new Color(0x1f77b4));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesPaint(1, new Color(0xd62728));
        renderer.setSeriesStroke(1, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {6f, 4f}, 0f));
        renderer.setSeriesPaint(2, new Color(0x7f7f7f));
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 520);
        return file;
    }
}
