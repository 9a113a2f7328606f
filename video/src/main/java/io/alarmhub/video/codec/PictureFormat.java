package io.alarmhub.video.codec;

/**
 * What a sequence parameter set says about the pictures, as far as the decoder configuration records and the
 * containers' sample entries need it.
 *
 * @param width         luma width after cropping
 * @param height        luma height after cropping
 * @param chromaFormat  chroma_format_idc (1 is 4:2:0)
 * @param bitDepthLuma   bits per luma sample
 * @param bitDepthChroma bits per chroma sample
 */
public record PictureFormat(int width, int height, int chromaFormat, int bitDepthLuma, int bitDepthChroma) {
}
