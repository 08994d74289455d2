/**
 * Domain lexicon for Taiwanese online-shop customer service.
 *
 * Each concept lists surface terms (zh-TW, English, common chat spellings). Both rule text and customer
 * messages are scanned for these terms and gain a concept token per hit, so "多久會到" and "出貨時間" meet
 * on the same token even though they share no characters. Terms are written in their normalised form's
 * source language; they are normalised with the same pipeline as messages when the matcher is built, so
 * Simplified, full-width or upper-case spellings here would still work.
 *
 * To extend: add a term to an existing concept, or add a concept. A term may belong to several concepts
 * (免運 is both "free shipping" and "shipping fee"). Keep single-character terms out: one shared character
 * is exactly the weak evidence this lexicon exists to avoid.
 */
export interface LexiconConcept {
  readonly concept: string;
  readonly terms: readonly string[];
}

export const DOMAIN_LEXICON: readonly LexiconConcept[] = [
  { concept: 'shipping-fee', terms: ['運費', '免運', '寄送費用', '運送費', '郵資', '郵寄費', '寄費', '物流費', 'shipping fee', 'shipping cost', 'delivery fee', 'postage', 'shipping charge', 'free shipping'] },
  { concept: 'free-shipping', terms: ['免運', '免運費', '運費全免', '滿額免運', '包郵', 'free shipping'] },
  { concept: 'price', terms: ['多少錢', '多少', '費用', '價格', '價錢', '收費', '要錢', '付多少', 'how much', 'cost', 'charge', 'price', 'fee'] },
  { concept: 'how-long', terms: ['多久', '幾天', '工作天', '什麼時候', '何時', '多快', '幾號', '時間', '天數', '要等', '等幾', '趕得上', '來得及', '急用', 'how long', 'when', 'days', 'how soon', 'how many days'] },
  { concept: 'ship-out', terms: ['出貨', '寄出', '發貨', '送出', '寄件', '寄了', '寄過來', '寄送', '配送', '運送', '送貨', 'ship', 'ships', 'shipped', 'shipping', 'dispatch', 'delivery', 'deliver', 'send'] },
  { concept: 'arrive', terms: ['到貨', '收到', '送達', '寄到', '會到', '能到', '才到', '收得到', '拿到', '抵達', 'arrive', 'arrived', 'receive', 'received', 'get it'] },
  { concept: 'convenience-store', terms: ['7-11', '全家', '萊爾富', 'ok超商', 'ok mart', '超商', '超取', '店到店', '便利商店', '選店', '選門市', '取貨門市', '店號', 'convenience store', 'family mart', 'hilife'] },
  { concept: 'pickup', terms: ['取貨', '取件', '領貨', '領取', '去拿', '去領', '在全家領', 'pick up', 'pickup', 'collect'] },
  { concept: 'home-delivery', terms: ['宅配', '黑貓', '宅急便', '貨運', '新竹物流', '郵局', '寄到家', '送到家', '寄到我家', '到府', '府上', '家裡', '寄到公司', '指定時段', 'home delivery', 'courier', 'to my home', 'my address'] },
  { concept: 'overseas', terms: ['海外', '國外', '國際', '境外', '香港', '澳門', '新加坡', '馬來西亞', '日本', '美國', '加拿大', '大陸', '中國', '韓國', '澳洲', '英國', '泰國', '離島', '澎湖', '金門', '馬祖', '綠島', '蘭嶼', 'overseas', 'international', 'internationally', 'abroad', 'hong kong', 'singapore', 'malaysia', 'japan', 'usa', 'canada', 'macau', 'australia', 'china', 'the us', 'uk'] },
  { concept: 'return', terms: ['退貨', '退回', '退掉', '退款', '退費', '退錢', '可以退', '想退', '要退', '能退', '退嗎', '退換', '鑑賞期', '寄回', 'return', 'returns', 'refund', 'send it back', 'send back', 'money back'] },
  { concept: 'refund-money', terms: ['退款', '退費', '退錢', '退給我', '退到', '入帳', 'refund', 'money back', 'my money'] },
  { concept: 'exchange', terms: ['換貨', '換尺寸', '換顏色', '換大', '換小', '換成', '換一', '換別', '換另', '可以換', '想換', '換嗎', '換個', '換一下', 'exchange', 'swap'] },
  { concept: 'size', terms: ['尺寸', '尺碼', '大小', '公分', '公斤', '身高', '體重', '腰圍', '胸圍', '臀圍', '肩寬', '衣長', '褲長', '長度', '版型', '偏大', '偏小', '合身', '寬鬆', '太緊', '太鬆', '太小', '太大', '穿哪', '要穿', 'size', 'sizes', 'sizing', 'kg', 'cm', 'measurement', 'measurements', 'fit'] },
  { concept: 'size-chart', terms: ['尺寸表', '尺碼表', '對照表', '尺寸建議', 'size chart', 'size guide', 'size table'] },
  { concept: 'material', terms: ['材質', '含量', '布料', '面料', '成分', '純棉', '棉質', '棉的', '全棉', '棉麻', '聚酯纖維', '羊毛', '雪紡', '針織', '透氣', '很薄', '會透', '厚度', 'material', 'fabric', 'cotton', 'polyester', 'wool'] },
  { concept: 'washing', terms: ['洗滌', '機洗', '手洗', '洗衣機', '洗衣袋', '烘乾', '烘衣機', '縮水', '會縮', '褪色', '退色', '掉色', '起毛球', '毛球', '乾洗', '熨燙', '怎麼洗', '洗了', '洗會', 'wash', 'washing', 'dryer', 'shrink', 'iron'] },
  { concept: 'restock', terms: ['補貨', '會補', '再補', '補嗎', '補了', '缺貨', '沒貨', '售完', '完售', '賣完', '賣光', '斷貨', '再進', '進貨', '再上架', '再賣', '上架', '庫存', '有貨', '貨到通知', '到貨通知', 'restock', 'restocked', 'back in stock', 'out of stock', 'sold out', 'in stock'] },
  { concept: 'notify', terms: ['通知', '跟我說', '告訴我', '提醒', 'notify', 'let me know'] },
  { concept: 'payment', terms: ['付款', '付錢', '支付', '結帳', '刷卡', '信用卡', '簽帳卡', 'linepay', 'applepay', '街口', '悠遊付', '全支付', '支付寶', '貨到付款', '取貨付款', '付現', '現金', '分期', '分三期', '分3期', '分六期', '分6期', '分12期', '零利率', '0利率', '期數', 'pay', 'payment', 'credit card', 'cod', 'cash on delivery', 'paypal'] },
  { concept: 'cash-on-delivery', terms: ['貨到付款', '取貨付款', '付現', 'cod', 'cash on delivery'] },
  { concept: 'bank-transfer', terms: ['轉帳', '匯款', '匯錢', '匯了', '匯過去', '轉過去', '網銀', 'atm', '虛擬帳號', '帳號', '帳戶', '末五碼', '後五碼', '銀行', '對帳', '轉錯', 'transfer', 'transferred', 'bank', 'wire'] },
  { concept: 'payment-status', terms: ['已付款', '付款了', '付了', '未付款', '待付款', '已匯', '已經付', '還沒更新', '顯示未', 'paid'] },
  { concept: 'order', terms: ['訂單', '下單', '訂的', '買的', '訂購', '單號', 'order', 'orders', 'ordered'] },
  { concept: 'tracking', terms: ['物流', '追蹤', '包裹', '貨件', '單號', '到哪', '在哪裡', '狀態', '查詢', '查一下', '寄出了沒', '寄了沒', '出貨了沒', '在路上', 'tracking', 'track', 'package', 'parcel', 'status', 'on the way', 'where is my'] },
  { concept: 'not-received', terms: ['還沒收到', '沒收到', '還沒到', '一直沒', '卡在', '怎麼還沒', 'not arrived', "hasn't arrived", 'not received', 'never arrived'] },
  { concept: 'invoice', terms: ['發票', '統編', '統一編號', '載具', '手機條碼', '抬頭', '三聯', '二聯', '報帳', '收據', '捐贈', 'invoice', 'receipt', 'tax id', 'vat'] },
  { concept: 'discount', terms: ['折扣', '折扣碼', '優惠', '優惠碼', '優惠券', '優惠代碼', '折價券', '折價', '打折', '特價', '促銷', '活動', '週年慶', '雙11', '雙十一', '黑五', '折抵', 'coupon', 'promo', 'promo code', 'discount', 'discounts', 'sale', 'promotion', 'voucher'] },
  { concept: 'physical-store', terms: ['門市', '實體', '店面', '實體店', '專櫃', '現場', '試穿', '看實品', '店裡', '到店', '去店', '那家店', '店在', '地址', 'store', 'shop', 'physical', 'visit', 'located', 'location', 'showroom'] },
  { concept: 'opening-hours', terms: ['營業', '營業時間', '開門', '關門', '公休', '有開', '開店', '休息', '幾點', 'opening hours', 'open', 'close', 'closed', 'hours'] },
  { concept: 'cancel', terms: ['取消', '不要了', '不想要了', '下錯單', '棄單', 'cancel', 'cancellation'] },
  { concept: 'modify-order', terms: ['修改', '更改', '改成', '改地址', '改一下', '要改', '打錯', '填錯', '寫錯', '加買', '加購', '合併', '多加', '加一件', '收件人', 'change my order', 'modify', 'edit', 'wrong address', 'add to my order'] },
  { concept: 'defect', terms: ['瑕疵', '破損', '破洞', '破了', '壞掉', '壞了', '壞的', '脫線', '線頭', '髒髒', '弄髒', '髒的', '很髒', '污漬', '污點', '汙漬', '掉了一顆', '拉不起來', '釦子', '鈕扣', '故障', '損壞', 'damaged', 'defective', 'broken', 'stain', 'hole', 'torn'] },
  { concept: 'wrong-item', terms: ['寄錯', '送錯', '少寄', '漏寄', '少了', '不一樣', '跟我訂的', '錯的', 'wrong item', 'missing', 'wrong'] },
  { concept: 'preorder', terms: ['預購', '預訂', '預購款', '到齊', 'preorder', 'pre order'] },
  { concept: 'in-stock', terms: ['現貨', '有現貨', 'in stock'] },
  { concept: 'membership', terms: ['會員', '點數', '紅利', '購物金', '回饋金', '積分', '等級', 'vip', '生日禮', '生日', '升級', 'member', 'membership', 'points', 'reward', 'rewards', 'loyalty'] },
];
