package org.recsysbook.serving;

/**
 * One logged event: an impression (an item shown at a position of an answer) or a click on it.
 *
 * @param type        impression or click
 * @param requestId   the answer it refers to, non-empty
 * @param user        the user, ≥ 0
 * @param item        the item, ≥ 0
 * @param arm         the experiment arm of the answer, non-empty
 * @param position    the 1-based position the item was shown at, ≥ 1
 * @param propensity  the probability with which the policy showed the item there, in (0, 1] (1 for a
 *                    deterministic list; an exploration slot logs less)
 * @param timeMillis  when it happened, milliseconds since the epoch, ≥ 0
 */
public record Event(Type type, String requestId, int user, int item, String arm, int position, double propensity,
                    long timeMillis) {

    /** The kinds of event. */
    public enum Type {
        IMPRESSION, CLICK
    }

    public Event {
        if (type == null) {
            throw new IllegalArgumentException("type must be impression or click, got null");
        }
        if (requestId == null || requestId.isEmpty()) {
            throw new IllegalArgumentException("requestId must be a non-empty string, got "
                    + (requestId == null ? "null" : "\"\""));
        }
        if (user < 0) {
            throw new IllegalArgumentException("user must be ≥ 0, got " + user);
        }
        if (item < 0) {
            throw new IllegalArgumentException("item must be ≥ 0, got " + item);
        }
        if (arm == null || arm.isEmpty()) {
            throw new IllegalArgumentException("arm must be a non-empty string, got " + (arm == null ? "null" : "\"\""));
        }
        if (position < 1) {
            throw new IllegalArgumentException("position must be ≥ 1, got " + position);
        }
        if (!(propensity > 0 && propensity <= 1)) {
            throw new IllegalArgumentException("propensity must be in (0, 1], got " + propensity);
        }
        if (timeMillis < 0) {
            throw new IllegalArgumentException("timeMillis must be ≥ 0, got " + timeMillis);
        }
    }
}
