package org.recsysbook.pipeline;

import java.util.Locale;

import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.recsysbook.display.RendererProvider;

/**
 * Shows a recommendation list in a notebook: a {@link PipelineResult} renders as an HTML table of
 * rank, item, score and category (the columns of the chapter's printout) with the funnel and stage times
 * underneath, and as the chapter's own text table for plain-text front ends. Found through
 * {@link java.util.ServiceLoader}.
 */
public final class RecommendationRenderer implements RendererProvider {

    @Override
    public void registerRenderers(Renderer renderer) {
        renderer.createRegistration(PipelineResult.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                .register((result, ctx) -> {
                    ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> html(result));
                    ctx.renderIfRequested(MIMEType.TEXT_PLAIN, result::chapterTable);
                });
    }

    /** The HTML table of a result; every text is escaped. */
    public static String html(PipelineResult result) {
        StringBuilder sb = new StringBuilder(256 + 96 * result.size());
        sb.append("<table class=\"recsys-recommendations\">\n<caption>Recommendations for user ")
                .append(result.request().userId()).append("</caption>\n")
                .append("<thead><tr><th>rank</th><th>item</th><th>score</th><th>category</th></tr></thead>\n<tbody>\n");
        for (Recommendation r : result.items()) {
            sb.append("<tr><td>").append(r.rank()).append("</td><td>").append(r.item()).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.4f", r.finalScore())).append("</td><td>")
                    .append(escape(r.category())).append("</td></tr>\n");
        }
        Funnel f = result.funnel();
        StageTimes t = result.times();
        sb.append("</tbody>\n</table>\n<p>").append(escape(result.categoriesLine()))
                .append(String.format(Locale.ROOT,
                        " · funnel %,d → %,d → %,d → %,d · candidate generation %.3f ms, ranking %.3f ms, "
                                + "re-ranking %.3f ms", f.catalog(), f.candidates(), f.ranked(), f.shown(),
                        t.candidateNanos() / 1e6, t.rankingNanos() / 1e6, t.reRankingNanos() / 1e6))
                .append("</p>\n");
        return sb.toString();
    }

    /** {@code s} with {@code & < > " '} replaced by character references. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
