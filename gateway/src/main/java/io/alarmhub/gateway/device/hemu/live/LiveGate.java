package io.alarmhub.gateway.device.hemu.live;

import io.alarmhub.core.auth.AliasTokens;
import io.alarmhub.core.media.MediaSigner;
import io.alarmhub.gateway.device.hemu.live.LiveRefusal.Reason;
import io.alarmhub.gateway.device.hemu.live.LiveRequest.AliasToken;
import io.alarmhub.gateway.device.hemu.live.LiveRequest.Credentials;
import io.alarmhub.gateway.device.hemu.live.LiveRequest.Signed;

import java.time.Clock;

/**
 * Whether a viewer's credentials let it watch the camera it asks for, or a talker's let it talk to it: a URL signed
 * for that camera and that use and not yet expired, or an alias token of an alias that owns the camera. Checked
 * before the camera is looked up, so that nobody learns which cameras are connected without the right to watch one.
 */
final class LiveGate {

    private final MediaSigner signer;
    private final AliasTokens aliasTokens;
    private final LiveAccess access;
    private final Clock clock;

    LiveGate(MediaSigner signer, AliasTokens aliasTokens, LiveAccess access, Clock clock) {
        this.signer = signer;
        this.aliasTokens = aliasTokens;
        this.access = access;
        this.clock = clock;
    }

    /** Returns when the viewer may watch; throws its refusal (403) otherwise. */
    void admit(LiveRequest request) {
        admit(LiveUrls.key(request.deviceId()), request.deviceId(), request.credentials());
    }

    /** Returns when the talker may talk to the camera; throws its refusal (403) otherwise. */
    void admit(TalkRequest request) {
        admit(LiveUrls.talkKey(request.deviceId()), request.deviceId(), request.credentials());
    }

    /** {@code signedKey}: what a signed URL's signature must cover, the camera and what it lets one do. */
    private void admit(String signedKey, String deviceId, Credentials credentials) {
        if (credentials instanceof Signed signed) {
            admitSigned(signedKey, signed);
        } else if (credentials instanceof AliasToken token) {
            admitAlias(deviceId, token);
        }
    }

    private void admitSigned(String signedKey, Signed signed) {
        if (!signer.authentic(signedKey, signed.expires(), signed.signature())) {
            throw new LiveRefusal(Reason.SIGNATURE, "bad signature");
        }
        // Checked at connect only: a viewer keeps watching past the expiry.
        if (clock.instant().getEpochSecond() > signed.expires()) {
            throw new LiveRefusal(Reason.EXPIRED, "url expired");
        }
    }

    private void admitAlias(String deviceId, AliasToken token) {
        try {
            aliasTokens.verify(token.token(), token.alias());
        } catch (AliasTokens.Refused refused) {
            throw new LiveRefusal(Reason.ALIAS_TOKEN, refused.getMessage());
        }
        if (!access.owns(token.alias(), deviceId)) {
            throw new LiveRefusal(Reason.NOT_OWNER, "this alias does not own the camera");
        }
    }
}
