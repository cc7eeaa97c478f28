package org.recsysbook.abtest;

import org.recsysbook.core.Args;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The experiment report, the end of the chapter's "How It Works": one row per metric of its "Key Metrics"
 * table with the control and treatment values, the difference and its confidence interval, the relative
 * lift, the test used, the p-value, the Benjamini–Hochberg-adjusted p-value across the tested metrics,
 * and the decision at level α.
 */
public final class ExperimentReport {
    private ExperimentReport() { }

    /**
     * The report of arm 1 (treatment) against arm 0 (control). Metrics that need item-level arms
     * (diversity, coverage) are left out when the arms do not log items.
     */
    public static Table of(ExperimentData data, double alpha) {
        Args.openUnit("alpha", alpha);
        StringColumn metric = StringColumn.create("metric");
        DoubleColumn control = DoubleColumn.create("control");
        DoubleColumn treatment = DoubleColumn.create("treatment");
        DoubleColumn diff = DoubleColumn.create("difference");
        DoubleColumn low = DoubleColumn.create("ci_low");
        DoubleColumn high = DoubleColumn.create("ci_high");
        DoubleColumn lift = DoubleColumn.create("lift_pct");
        StringColumn test = StringColumn.create("test");
        DoubleColumn p = DoubleColumn.create("p_value");
        DoubleColumn pBh = DoubleColumn.create("p_bh");
        StringColumn decision = StringColumn.create("decision");

        boolean items = !Double.isNaN(data.coverage(0));
        java.util.List<Comparison> rows = new java.util.ArrayList<>();
        java.util.List<ExperimentMetric> metrics = new java.util.ArrayList<>();
        for (ExperimentMetric m : ExperimentMetric.values()) {
            if (!items && (m == ExperimentMetric.DIVERSITY || m == ExperimentMetric.COVERAGE)) {
                continue;
            }
            metrics.add(m);
            rows.add(data.compare(m, alpha));
        }
        int tested = 0;
        for (Comparison c : rows) {
            tested += Double.isNaN(c.pValue()) ? 0 : 1;
        }
        double[] raw = new double[tested];
        int k = 0;
        for (Comparison c : rows) {
            if (!Double.isNaN(c.pValue())) {
                raw[k++] = c.pValue();
            }
        }
        double[] adjusted = tested > 0 ? MultipleTesting.benjaminiHochberg(raw) : raw;
        k = 0;
        for (int i = 0; i < rows.size(); i++) {
            Comparison c = rows.get(i);
            boolean hasTest = !Double.isNaN(c.pValue());
            double adj = hasTest ? adjusted[k++] : Double.NaN;
            metric.append(metrics.get(i).label());
            control.append(c.control());
            treatment.append(c.treatment());
            diff.append(c.difference());
            low.append(c.differenceCi().lower());
            high.append(c.differenceCi().upper());
            lift.append(100 * c.lift());
            test.append(metrics.get(i).test());
            p.append(c.pValue());
            pBh.append(adj);
            decision.append(!hasTest ? "descriptive" : c.decision());
        }
        return Table.create("A/B test report: " + data.armNames().get(1) + " vs " + data.armNames().get(0)
                        + String.format(java.util.Locale.ROOT, " (α = %.3g, %d + %d users)", alpha, data.users(0), data.users(1)),
                metric, control, treatment, diff, low, high, lift, test, p, pBh, decision);
    }
}
